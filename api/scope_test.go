package api_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// caseloadCounter counts caseload look-ups.
type caseloadCounter struct {
	*neo4jstore.Store
	n atomic.Int32
}

func (s *caseloadCounter) Caseload(ctx context.Context, user string, day graph.Date) ([]graph.ID, error) {
	s.n.Add(1)
	return s.Store.Caseload(ctx, user, day)
}

// TestScopeIsLookedUpOnceARequest: a move is checked twice (the child in
// the path, the household in the body) on one look-up of the caseload.
func TestScopeIsLookedUpOnceARequest(t *testing.T) {
	demoClient(t)
	store := &caseloadCounter{Store: testStore(t)}
	c := newClientFor(t, store).as(matrixWorker)
	if res := c.do("POST", "/api/v1/households", `{"id":"once-h","kind":"kinship"}`, ""); res.Status != http.StatusCreated {
		t.Fatalf("household: %d %s", res.Status, res.Body)
	}
	store.n.Store(0)
	if res := c.do("POST", "/api/v1/people/ard-kieran/moves", `{"household":"once-h","from":"2026-11-01"}`, ""); res.Status != http.StatusCreated {
		t.Fatalf("move: %d %s", res.Status, res.Body)
	}
	if got := store.n.Load(); got != 1 {
		t.Errorf("caseload look-ups for one move: got %d, want 1", got)
	}
}
