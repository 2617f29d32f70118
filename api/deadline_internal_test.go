package api

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// TestDeadlineByRoute: a child's record gets the request deadline, an
// authority report reportTimeoutFactor times it (the API's and the web
// page's), an export bulkTimeoutFactor times; the handler's context ends
// a fifth before each.
func TestDeadlineByRoute(t *testing.T) {
	s := &Server{cfg: Config{RequestTimeout: 10 * time.Second}}
	e := echo.New()
	for _, c := range []struct {
		path string
		want time.Duration
	}{
		{"/api/v1/children/:id/flags", 8 * time.Second},
		{"/api/v1/reports/sibling-placements", 48 * time.Second},
		{"/api/v1/reports/sibling-placements/series", 48 * time.Second},
		{"/reports", 48 * time.Second},
		{"/reports/sibling-placements.csv", 48 * time.Second},
		{"/api/v1/export", 240 * time.Second},
	} {
		ctx := e.NewContext(httptest.NewRequest(http.MethodGet, "/", nil), httptest.NewRecorder())
		ctx.SetPath(c.path)
		var got time.Duration
		start := time.Now()
		err := s.deadline(func(ctx echo.Context) error {
			d, ok := ctx.Request().Context().Deadline()
			if !ok {
				t.Fatalf("%s: no deadline", c.path)
			}
			got = d.Sub(start)
			return nil
		})(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got < c.want-time.Second || got > c.want+time.Second {
			t.Errorf("%s: handler deadline in %v, want %v", c.path, got, c.want)
		}
	}
}
