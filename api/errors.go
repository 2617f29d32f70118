package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// errorBody is the JSON every error response carries.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code      string       `json:"code"`
	Message   string       `json:"message"`
	Fields    []fieldError `json:"fields,omitempty"`
	RequestID string       `json:"request_id,omitempty"`
}

type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// statusTable is the one place domain errors become HTTP statuses.
var statusTable = []struct {
	kind   error
	status int
	code   string
}{
	{graph.ErrInvalid, http.StatusBadRequest, "invalid"},
	{graph.ErrNotFound, http.StatusNotFound, "not_found"},
	{graph.ErrConflict, http.StatusConflict, "conflict"},
	{graph.ErrUnavailable, http.StatusServiceUnavailable, "unavailable"},
	{context.DeadlineExceeded, http.StatusServiceUnavailable, "unavailable"},
}

// httpError is an error raised by the HTTP layer itself (415, 413, ...).
type httpError struct {
	status  int
	code    string
	message string
}

func (e *httpError) Error() string { return e.message }

// errorHandler writes every error as JSON. Unknown routes and methods
// come through here too, so they are JSON, not HTML.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if s.isWeb(c) {
		s.webError(err, c)
		return
	}
	status, body := s.classify(err, c)
	setRetryAfter(c, status)
	if status >= 500 {
		s.log.Error("request failed", "request_id", body.Error.RequestID, "status", status, "err", err.Error())
	} else {
		s.log.Debug("request rejected", "request_id", body.Error.RequestID, "status", status, "code", body.Error.Code)
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	_ = c.JSON(status, body)
}

func (s *Server) classify(err error, c echo.Context) (int, errorBody) {
	rid := c.Response().Header().Get(echo.HeaderXRequestID)
	body := errorBody{Error: errorDetail{RequestID: rid}}
	var he *httpError
	var ee *echo.HTTPError
	switch {
	case errors.As(err, &he):
		body.Error.Code, body.Error.Message = he.code, he.message
		return he.status, body
	case errors.As(err, &ee):
		body.Error.Code = codeForStatus(ee.Code)
		body.Error.Message = http.StatusText(ee.Code)
		if ee.Code == http.StatusNotFound {
			body.Error.Message = "no such route"
		}
		return ee.Code, body
	}
	for _, row := range statusTable {
		if errors.Is(err, row.kind) {
			body.Error.Code = row.code
			body.Error.Message = publicMessage(row.kind, err)
			for _, f := range graph.Fields(err) {
				if errors.Is(f, row.kind) {
					body.Error.Fields = append(body.Error.Fields, fieldError{Field: f.Field, Message: f.Message})
				}
			}
			return row.status, body
		}
	}
	body.Error.Code, body.Error.Message = "internal", "internal error; quote the request id"
	return http.StatusInternalServerError, body
}

// publicMessage never exposes driver text: domain errors are written by
// us and safe; anything else gets a generic message.
func publicMessage(kind, err error) string {
	var incomplete *graph.ImportIncompleteError
	if errors.As(err, &incomplete) {
		return incomplete.Message()
	}
	if fields := graph.Fields(err); len(fields) > 0 {
		if len(fields) == 1 {
			return fields[0].Error()
		}
		return "the request has several problems: see fields"
	}
	switch kind {
	case graph.ErrUnavailable, context.DeadlineExceeded:
		return "storage is unavailable; try again shortly"
	}
	return kind.Error()
}

func codeForStatus(status int) string {
	switch status {
	case http.StatusNotFound:
		return "not_found"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type"
	case http.StatusTooManyRequests:
		return "rate_limited"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusForbidden:
		return "forbidden"
	}
	if status >= 500 {
		return "internal"
	}
	return "invalid"
}
