package api

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// Every request has a deadline (Config.RequestTimeout, 10 s by default):
// with Neo4j stalled, a request answers 503 with Retry-After by then,
// and never hangs. The handler's context ends a fifth of the way before
// the deadline, so that the audit event of a failed request can still be
// tried, and the response written, within it (auditContext). Bulk work
// (the exports, and an import of more than bulkImportBytes) gets
// bulkTimeoutFactor times the deadline; an authority report, computed
// afresh after a write, reportTimeoutFactor times (a nation's authority
// takes seconds, not the milliseconds of a child's record).

const (
	defaultRequestTimeout = 10 * time.Second
	bulkTimeoutFactor     = 30
	reportTimeoutFactor   = 6
	bulkImportBytes       = 256 << 10
	// retryAfter is the Retry-After, in seconds, of a 503.
	retryAfter = "5"
)

var bulkRoutes = map[string]bool{
	"GET /api/v1/export":               true,
	"GET /api/v1/export/pseudonymised": true,
}

var reportRoutes = map[string]bool{
	"GET /api/v1/reports/sibling-placements":        true,
	"GET /api/v1/reports/sibling-placements/series": true,
	"GET /reports":                        true,
	"GET /reports/sibling-placements.csv": true,
}

// bulk reports whether the request is bulk work.
func bulk(c echo.Context) bool {
	req := c.Request()
	route := req.Method + " " + c.Path()
	if route == "POST /api/v1/import" {
		return req.ContentLength < 0 || req.ContentLength > bulkImportBytes
	}
	return bulkRoutes[route]
}

type hardDeadlineKey struct{}

// requestTimeout is the configured deadline; 0 means none.
func (s *Server) requestTimeout() time.Duration {
	switch t := s.cfg.RequestTimeout; {
	case t < 0:
		return 0
	case t == 0:
		return defaultRequestTimeout
	default:
		return t
	}
}

// deadline gives the request its deadline.
func (s *Server) deadline(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		t := s.requestTimeout()
		if t == 0 {
			return next(c)
		}
		switch {
		case bulk(c):
			t *= bulkTimeoutFactor
		case reportRoutes[c.Request().Method+" "+c.Path()]:
			t *= reportTimeoutFactor
		}
		start := time.Now()
		req := c.Request()
		ctx := context.WithValue(req.Context(), hardDeadlineKey{}, start.Add(t))
		ctx, cancel := context.WithDeadline(ctx, start.Add(t*4/5))
		defer cancel()
		c.SetRequest(req.WithContext(ctx))
		return next(c)
	}
}

// auditContext is the context an audit append runs in: detached from the
// client (a client that leaves does not cancel the record of what it
// did), and bounded by the request's own deadline, or by 10 s outside
// one.
func auditContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if hard, ok := ctx.Value(hardDeadlineKey{}).(time.Time); ok {
		return context.WithDeadline(context.WithoutCancel(ctx), hard)
	}
	return context.WithTimeout(context.WithoutCancel(ctx), defaultRequestTimeout)
}

// setRetryAfter adds Retry-After to a 503 that has none.
func setRetryAfter(c echo.Context, status int) {
	if h := c.Response().Header(); status == http.StatusServiceUnavailable && h.Get("Retry-After") == "" {
		h.Set("Retry-After", retryAfter)
	}
}
