package api_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// TestConcurrentReadsEachHaveTheirEvent: reads from many clients at once
// (whose events are written in shared transactions) each answer 200 and
// each have exactly one event on the trail.
func TestConcurrentReadsEachHaveTheirEvent(t *testing.T) {
	c := demoClient(t)
	worker := c.as(graph.Principal{User: "worker-a", Role: graph.RoleWorker})
	const n = 24
	ids := make([]string, n)
	status := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := "/api/v1/children/ard-kieran/flags"
			if i%2 == 1 {
				path = "/api/v1/children/ard-kieran/map.svg"
			}
			res := worker.do("GET", path, nil, "")
			ids[i], status[i] = res.Header.Get("X-Request-Id"), res.Status
		}()
	}
	wg.Wait()
	for i := range n {
		if status[i] != http.StatusOK {
			t.Fatalf("request %d: got %d, want 200", i, status[i])
		}
		if got := trailFor(t, c, ids[i]); len(got) != 1 || got[0].Outcome != graph.OutcomeAllowed {
			t.Errorf("request %d: events %+v, want exactly one allowed", i, got)
		}
	}
}
