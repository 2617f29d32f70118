package api

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestRateLimitedRequestsAreLoggedBySample: a flood of 429s logs the
// first per key per minute, then one line saying how many were left out,
// not one line each (620 MB in 4 minutes of one token flooding).
func TestRateLimitedRequestsAreLoggedBySample(t *testing.T) {
	var logs bytes.Buffer
	s := New(Config{RateLimit: 0.001, RateBurst: 1, Renderer: nopRenderer{}}, &quietStore{},
		slog.New(slog.NewJSONHandler(&logs, nil)))
	clock := time.Now()
	s.limited.now = func() time.Time { return clock }
	get := func() int {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
		return rec.Code
	}
	for range 50 {
		get()
	}
	clock = clock.Add(61 * time.Second)
	if got := get(); got != http.StatusTooManyRequests {
		t.Fatalf("after the flood: got %d, want 429", got)
	}
	var lines []map[string]any
	for _, l := range bytes.Split(bytes.TrimSpace(logs.Bytes()), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(l, &m); err != nil {
			t.Fatalf("log line %s: %v", l, err)
		}
		if m["status"] == float64(http.StatusTooManyRequests) {
			lines = append(lines, m)
		}
	}
	if len(lines) != 2 {
		t.Fatalf("50 rate-limited requests over a minute logged %d lines, want 2: %v", len(lines), lines)
	}
	if lines[0]["suppressed_429"] != nil || lines[1]["suppressed_429"] != float64(48) {
		t.Errorf("suppressed counts: got %v then %v, want none then 48", lines[0]["suppressed_429"], lines[1]["suppressed_429"])
	}
}
