package api_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
)

func TestSecurityHeaders(t *testing.T) {
	c := newClient(t)
	for _, path := range []string{"/healthz", "/api/v1/children", "/nope"} {
		res := c.do("GET", path, nil, "")
		for h, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "no-referrer",
			"Cache-Control":          "no-store",
		} {
			if got := res.Header.Get(h); got != want {
				t.Errorf("GET %s: %s: got %q, want %q", path, h, got, want)
			}
		}
		if csp := res.Header.Get("Content-Security-Policy"); csp == "" {
			t.Errorf("GET %s: no Content-Security-Policy", path)
		}
		if res.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("GET %s: CORS is on without configuration", path)
		}
	}
}

func TestRateLimitAnswers429WithRetryAfter(t *testing.T) {
	srv := api.New(api.Config{Today: func() time.Time { return today }, RateLimit: 1, RateBurst: 3}, testStore(t), nil)
	statuses := map[int]int{}
	var retry string
	for range 6 {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
		statuses[rec.Code]++
		if rec.Code == http.StatusTooManyRequests {
			retry = rec.Header().Get("Retry-After")
		}
	}
	if statuses[http.StatusOK] != 3 || statuses[http.StatusTooManyRequests] != 3 {
		t.Errorf("got statuses %v, want 3 OK then 3 rate limited", statuses)
	}
	if n, err := strconv.Atoi(retry); err != nil || n < 1 {
		t.Errorf("Retry-After: got %q, want a whole number of seconds", retry)
	}
}

func TestErrorStageDropsDetail(t *testing.T) {
	for in, want := range map[string]string{
		"viz: parsing DOT: syntax error near 'Ada Example'": "viz: parsing DOT",
		"viz: renderer closed":                              "viz: renderer closed",
		"boom":                                              "unknown",
	} {
		if got := api.ErrorStage(errors.New(in)); got != want {
			t.Errorf("ErrorStage(%q): got %q, want %q", in, got, want)
		}
	}
}
