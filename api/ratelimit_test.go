package api

import (
	"context"
	"testing"
	"time"

	"github.com/kinmap/kinmap/viz"
)

// TestLimiterHoldsTheRateUnderConcurrency: concurrent requests read the
// clock before they take the limiter's lock, so the bucket sees times out
// of order. That must not mint tokens: over 10 s at 20/s with a burst of
// 60, at most 260 requests pass however the readings interleave. (Seen: a
// token under 32 clients got 23.6 req/s.)
func TestLimiterHoldsTheRateUnderConcurrency(t *testing.T) {
	l := newLimiter(20, 60)
	start := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	passed := 0
	for ms := 0; ms < 10_000; ms++ {
		now := start.Add(time.Duration(ms) * time.Millisecond)
		// One goroutine read the clock 7 ms ago and gets the lock after
		// this one.
		for _, at := range []time.Time{now, now.Add(-7 * time.Millisecond)} {
			if ok, _ := l.allow("token:x", at); ok {
				passed++
			}
		}
	}
	if passed > 20*10+60 {
		t.Errorf("%d requests passed in 10 s at 20/s with a burst of 60, want at most 260", passed)
	}
	if passed < 20*10 {
		t.Errorf("%d requests passed in 10 s at 20/s, want at least 200", passed)
	}
}

// TestBurstIsThreeTimesTheRate: the burst is three times the rate (as
// README says) unless given.
func TestBurstIsThreeTimesTheRate(t *testing.T) {
	for _, tt := range []struct {
		rate  float64
		burst int
		want  int
	}{{0, 0, 60}, {20, 0, 60}, {5, 0, 15}, {0.2, 0, 1}, {1, 3, 3}} {
		s := New(Config{RateLimit: tt.rate, RateBurst: tt.burst, Renderer: nopRenderer{}}, &quietStore{}, nil)
		if s.limiter.burst != tt.want {
			t.Errorf("rate %v burst %d: got a burst of %d, want %d", tt.rate, tt.burst, s.limiter.burst, tt.want)
		}
	}
}

// nopRenderer draws nothing (the tests here draw no map).
type nopRenderer struct{}

func (nopRenderer) Render(context.Context, []byte, viz.Format) ([]byte, error) { return nil, nil }
