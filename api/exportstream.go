package api

import (
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/export streams: the store writes the document a page at a
// time (neo4jstore ExportStream) straight to the client, so neither the
// server nor Neo4j holds the whole authority. (The pseudonymised export
// still makes its document in memory, since its records are sorted by
// pseudonym, but streams the text the same way.)
//
// The access check holds every response until its audit event is stored
// (authorize.go); a streamed body cannot be held, so the event is
// recorded when the first bytes are about to leave (streamOut), and only
// then is the held response set aside. An error before that is the usual
// JSON error, audited as usual. An error after it cannot become a status
// any more: the connection is cut (abortStream), so that the client sees
// a broken transfer, never a short document that looks whole, and the
// log says so with the request id and the error's kind, never data.

// exportDoc streams the whole store as an import document.
func (s *Server) exportDoc(c echo.Context) error {
	return s.streamDocument(c, func(w io.Writer, indent string) error {
		return s.documents.ExportStream(c.Request().Context(), w, indent, nil)
	})
}

// streamDocument answers c with the document write writes, streamed (see
// above): indented as c.JSON would (with ?pretty, or in debug).
func (s *Server) streamDocument(c echo.Context, write func(w io.Writer, indent string) error) error {
	indent := ""
	if _, pretty := c.QueryParams()["pretty"]; pretty || s.echo.Debug {
		indent = "  " // as c.JSON indents
	}
	out := &streamOut{s: s, c: c}
	err := write(out, indent)
	if err == nil || !out.started {
		return err
	}
	s.log.Error("export aborted after its first bytes", "request_id", requestID(c), "err", err.Error())
	s.abortStream(c)
	return nil
}

// streamOut is the body of a streamed response: on the first write it
// has the request's audit event recorded, sets the held response aside,
// and sends the status and headers.
type streamOut struct {
	s       *Server
	c       echo.Context
	started bool
}

// errStreamAudit is returned to the writer when the audit event could not
// be stored before the first byte: nothing leaves (the access check then
// answers 503, as for any request it cannot record).
var errStreamAudit = errors.New("the audit event of the streamed response could not be stored")

func (o *streamOut) Write(b []byte) (int, error) {
	if !o.started {
		if err := o.start(); err != nil {
			return 0, err
		}
		o.started = true
	}
	return o.c.Response().Write(b)
}

func (o *streamOut) start() error {
	c := o.c
	res := c.Response()
	if held, ok := res.Writer.(*heldResponse); ok {
		r := rules[c.Request().Method+" "+c.Path()]
		res.Status = http.StatusOK // what the event records
		if err := o.s.record(c, r, nil); err != nil {
			return errStreamAudit
		}
		held.streamed = true
		res.Writer = held.ResponseWriter
	}
	// The bulk deadline, not the server's WriteTimeout, bounds the body.
	if hard, ok := c.Request().Context().Value(hardDeadlineKey{}).(time.Time); ok {
		_ = http.NewResponseController(res.Writer).SetWriteDeadline(hard)
	}
	res.Header().Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	res.WriteHeader(http.StatusOK)
	return nil
}

var _ io.Writer = (*streamOut)(nil)

// abortStream cuts the connection of a response whose body has begun:
// the client sees the transfer fail. Where the connection cannot be taken
// over (HTTP/2), the handler is aborted as net/http documents
// (http.ErrAbortHandler), which resets the stream.
func (s *Server) abortStream(c echo.Context) {
	conn, _, err := http.NewResponseController(c.Response().Writer).Hijack()
	if err == nil {
		_ = conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}
