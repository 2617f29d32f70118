package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// headKey marks a HEAD request answered as a GET.
const headKey = "kinmap.head"

// headAsGet answers HEAD on every GET route: the request is routed,
// authorised and audited as the GET it stands for (one rule, one audit
// path), and the body is dropped. It runs before routing.
func headAsGet(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Method == http.MethodHead {
			c.Set(headKey, true)
			c.Request().Method = http.MethodGet
			c.Response().Writer = headWriter{c.Response().Writer}
		}
		return next(c)
	}
}

// method returns the request's method as the client sent it.
func method(c echo.Context) string {
	if head, _ := c.Get(headKey).(bool); head {
		return http.MethodHead
	}
	return c.Request().Method
}

// headWriter drops the body of a HEAD response; status and headers go
// out as for GET.
type headWriter struct{ http.ResponseWriter }

func (headWriter) Write(b []byte) (int, error) { return len(b), nil }

// Flush passes a flush on, when the writer below can.
func (w headWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
