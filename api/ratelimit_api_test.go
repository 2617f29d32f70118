package api_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
)

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
