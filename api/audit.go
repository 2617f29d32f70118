package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/viz"
	"github.com/labstack/echo/v4"
)

// heldResponse keeps a response's status and body back until release.
// Headers go straight to the real writer (they are not sent before the
// status).
type heldResponse struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
	// streamed: the handler had the event recorded and wrote its body
	// past the hold (exportstream.go).
	streamed bool
}

func (h *heldResponse) WriteHeader(code int) {
	if h.status == 0 {
		h.status = code
	}
}

func (h *heldResponse) Write(b []byte) (int, error) {
	if h.status == 0 {
		h.status = http.StatusOK
	}
	return h.body.Write(b)
}

// Flush is a no-op: nothing leaves before release.
func (h *heldResponse) Flush() {}

// release sends the held response.
func (h *heldResponse) release() error {
	if h.status == 0 {
		return nil
	}
	h.ResponseWriter.WriteHeader(h.status)
	_, err := h.ResponseWriter.Write(h.body.Bytes())
	return err
}

// refuse drops the held response and answers 503 instead: the audit
// trail could not record the access. write says the request changed data
// (and succeeded): the client is told so, lest it repeat the change.
func (h *heldResponse) refuse(rid string, write bool) error {
	hdr := h.Header()
	for _, k := range []string{"Content-Length", "Content-Disposition", "ETag", "Location", "Cache-Control"} {
		hdr.Del(k)
	}
	hdr.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	hdr.Set(echo.HeaderCacheControl, "no-store")
	hdr.Set("Retry-After", retryAfter)
	h.ResponseWriter.WriteHeader(http.StatusServiceUnavailable)
	msg := "the audit trail could not record this request, so nothing was returned; try again shortly"
	if write {
		msg = "the change was made but the audit trail could not record it, so nothing was returned; read the record before trying again"
	}
	return json.NewEncoder(h.ResponseWriter).Encode(errorBody{Error: errorDetail{Code: "unavailable", Message: msg, RequestID: rid}})
}

func requestID(c echo.Context) string { return c.Response().Header().Get(echo.HeaderXRequestID) }

// changeAudit puts the audit event of a change (any method but GET and
// HEAD) into the request's context, for the store to write in the
// change's own transaction: a committed change always has its event. A
// change refused or failed before it committed gets its event from
// record, as a read does; so does one that failed after it committed (a
// batched import part-way), in addition to the committed one.
func (s *Server) changeAudit(c echo.Context, r rule) *graph.ChangeAudit {
	req := c.Request()
	if req.Method == http.MethodGet || req.Method == http.MethodHead {
		return nil
	}
	a := &graph.ChangeAudit{Event: func() graph.AuditEvent { return s.event(c, r, nil, changeStatus(c)) }}
	c.SetRequest(req.WithContext(graph.WithChangeAudit(req.Context(), a)))
	return a
}

// changeStatus is the status a change answers when it succeeds: 201 for
// a create or a move, 204 for a revocation, 200 otherwise (updates, ends,
// imports).
func changeStatus(c echo.Context) int {
	path := c.Path()
	switch {
	case c.Request().Method != http.MethodPost || strings.HasSuffix(path, "/end") || path == "/api/v1/import":
		return http.StatusOK
	case strings.HasSuffix(path, "/revoke"):
		return http.StatusNoContent
	}
	return http.StatusCreated
}

// record appends the request's audit event; a failure is logged (ids
// only) and returned, and the caller then withholds the response.
func (s *Server) record(c echo.Context, r rule, err error) error {
	if errors.Is(err, errAuthThrottled) {
		return nil
	}
	e := s.event(c, r, err, c.Response().Status)
	ctx, cancel := auditContext(c.Request().Context())
	defer cancel()
	write := s.auditLog.AppendAudit
	if s.audits != nil {
		write = s.audits.append
	}
	if aerr := write(ctx, e); aerr != nil {
		s.log.Error("audit append failed", "request_id", e.RequestID, "action", e.Action, "err", aerr.Error())
		s.obs.AuditFailed()
		return aerr
	}
	return nil
}

// event is the audit event of request c under rule r that ended with err
// and status.
func (s *Server) event(c echo.Context, r rule, err error, status int) graph.AuditEvent {
	p := principal(c)
	e := graph.AuditEvent{ID: graph.NewAuditID(), At: time.Now().UTC(), User: p.User, Role: p.Role,
		Action: r.action, RequestID: requestID(c), Status: status, Outcome: graph.OutcomeAllowed}
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden ||
		errors.Is(err, errOutOfScope) || errors.Is(err, errUnauthenticated) || errors.Is(err, errForbidden) ||
		errors.As(err, new(*deniedError)), errors.As(err, new(*graph.ScopeRefusal)):
		e.Outcome = graph.OutcomeDenied
	case status >= 400:
		e.Outcome = graph.OutcomeError
	}
	switch {
	case r.scope == scopeChild:
		if graph.ValidID(c.Param("id")) {
			e.Child = c.Param("id")
		}
	case r.scope == scopeRecord:
		if graph.ValidID(c.Param("id")) {
			e.Record = c.Param("id")
		}
	}
	if id, ok := c.Get(recordKey).(string); ok && graph.ValidID(id) {
		e.Record = id
	}
	if id, ok := c.Get(childKey).(string); ok && e.Child == "" {
		e.Child = id
	}
	if u, ok := c.Get(forUserKey).(string); ok {
		e.ForUser = u
	}
	e.Credential, e.IssuedBy = p.Credential, p.IssuedBy
	if r.action == "read_map" || r.action == "read_sibling_group_map" {
		e.Audience = c.QueryParam("audience")
		if e.Audience == "" {
			e.Audience = string(viz.Professional)
		}
		if !slices.Contains(viz.Audiences, viz.Audience(e.Audience)) {
			e.Audience = ""
		}
	}
	return e
}
