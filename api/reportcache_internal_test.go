package api

import (
	"context"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph"
)

// slowSource is a report source whose load waits for release and
// reports whether its context had ended by then.
type slowSource struct {
	release chan struct{}
	ended   chan bool
}

func (s slowSource) Version(context.Context) (string, error) { return "e:1", nil }

func (s slowSource) ReportAuthority(ctx context.Context, asOf graph.Date) (*graph.Network, error) {
	<-s.release
	s.ended <- ctx.Err() != nil
	return &graph.Network{AsOf: asOf}, ctx.Err()
}

// TestReportCacheOutlivesTheFirstClient: the client whose request began a
// report leaves; the computation goes on, and a second client waiting
// for the same report gets it.
func TestReportCacheOutlivesTheFirstClient(t *testing.T) {
	rc := newReportCache(4)
	src := slowSource{release: make(chan struct{}), ended: make(chan bool, 1)}
	day := graph.DateOf(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	first, leave := context.WithCancel(context.Background())
	firstErr := make(chan error, 1)
	go func() {
		_, _, err := rc.report(first, src, day)
		firstErr <- err
	}()
	for { // the first computation has begun
		rc.mu.Lock()
		n := len(rc.pending)
		rc.mu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	second := make(chan error, 1)
	go func() {
		_, _, err := rc.report(context.Background(), src, day)
		second <- err
	}()
	leave()
	close(src.release)
	if <-src.ended {
		t.Errorf("the computation's context ended with its first client")
	}
	if err := <-second; err != nil {
		t.Errorf("second client: %v, want the report", err)
	}
	<-firstErr
	if _, cached, err := rc.report(context.Background(), src, day); err != nil || !cached {
		t.Errorf("after: cached %v, %v; want the report from the cache", cached, err)
	}
}
