package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/graph"
)

// trailFor returns the audit events of one request of worker-a.
func trailFor(t *testing.T, c *client, requestID string) []graph.AuditEvent {
	t.Helper()
	return eventsOf(t, c, "worker-a", requestID)
}

// eventsOf returns the audit events of one request of user.
func eventsOf(t *testing.T, c *client, user, requestID string) []graph.AuditEvent {
	t.Helper()
	var trail struct{ Items []graph.AuditEvent }
	res := c.as(admin).do("GET", "/api/v1/audit?user="+user, nil, "")
	if res.Status != http.StatusOK {
		t.Fatalf("audit: %d %s", res.Status, res.Body)
	}
	res.decode(t, &trail)
	var out []graph.AuditEvent
	for _, e := range trail.Items {
		if e.RequestID == requestID {
			out = append(out, e)
		}
	}
	return out
}

// TestChangeIsAuditedInItsOwnTransaction: a change's event is written in
// the change's transaction, so a change answers 201 even when a separate
// audit append would fail (before, it answered 503 "the change was made
// but the audit trail could not record it"), and it has exactly one
// event. A refused change still gets its own, separate event.
func TestChangeIsAuditedInItsOwnTransaction(t *testing.T) {
	c := demoClient(t)
	worker := c.as(graph.Principal{User: "worker-a", Role: graph.RoleWorker})
	down := newClientFor(t, failingAudit{testStore(t)}).as(graph.Principal{User: "worker-a", Role: graph.RoleWorker})
	res := down.do("POST", "/api/v1/relationships", `{"id":"tx-rel","from":"ard-kieran","to":"ard-chloe","kind":"friend"}`, "")
	if res.Status != http.StatusCreated {
		t.Fatalf("change with separate appends failing: got %d %s, want 201", res.Status, res.Body)
	}
	got := trailFor(t, c, res.Header.Get("X-Request-Id"))
	if len(got) != 1 || got[0].Action != "create_relationship" || got[0].Record != "tx-rel" ||
		got[0].Child != "ard-kieran" || got[0].Outcome != graph.OutcomeAllowed || got[0].Status != http.StatusCreated {
		t.Errorf("events of the change: %+v, want one create_relationship tx-rel allowed 201", got)
	}
	// The happy path: exactly one event per change, with the status sent.
	for _, step := range []struct {
		method, path, body string
		status             int
	}{
		{"POST", "/api/v1/relationships", `{"id":"tx-rel2","from":"ard-kieran","to":"ard-chloe","kind":"friend"}`, 201},
		{"POST", "/api/v1/relationships/tx-rel2/end", `{"until":"2026-10-01"}`, 200},
		{"POST", "/api/v1/relationships", `{"id":"tx-bad","from":"ard-kieran","to":"ard-kieran","kind":"friend"}`, 400},
	} {
		res := worker.do(step.method, step.path, step.body, "")
		if res.Status != step.status {
			t.Fatalf("%s %s: got %d %s, want %d", step.method, step.path, res.Status, res.Body, step.status)
		}
		got := trailFor(t, c, res.Header.Get("X-Request-Id"))
		if len(got) != 1 || got[0].Status != step.status {
			t.Errorf("%s %s: events %+v, want exactly one with status %d", step.method, step.path, got, step.status)
		}
	}
	// A refused change with the trail down is refused as before.
	res = down.do("POST", "/api/v1/relationships", `{"id":"tx-bad2","from":"ard-kieran","to":"ard-kieran","kind":"friend"}`, "")
	if res.Status != http.StatusBadRequest {
		t.Errorf("refused change with the trail down: got %d, want 400", res.Status)
	}
}

// incompleteImport is a store whose batched import stops part-way.
type incompleteImport struct{ api.Store }

func (incompleteImport) ImportStream(context.Context, func() (io.ReadCloser, error), int64, func(string, int64, int64)) (graph.ImportSummary, error) {
	return graph.ImportSummary{}, &graph.ImportIncompleteError{Batch: 7, Batches: 12, Records: 3000,
		Err: fmt.Errorf("neo4j gone: %w", graph.ErrUnavailable)}
}

// TestIncompleteImportSaysHowMuchIsStored: the 503 of an import that
// failed part-way says how far it got and to run it again.
func TestIncompleteImportSaysHowMuchIsStored(t *testing.T) {
	c := newClientFor(t, incompleteImport{testStore(t)}).as(admin)
	res := c.do("POST", "/api/v1/import", `{"format":"kinmap/v1"}`, "")
	want := "batch 7 of 12 failed; batches 1-6 (3000 records) stored; re-run the import to complete it"
	if res.Status != http.StatusServiceUnavailable || !strings.Contains(string(res.Body), want) {
		t.Errorf("incomplete import: got %d %s, want 503 saying %q", res.Status, res.Body, want)
	}
}
