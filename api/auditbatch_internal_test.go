package api

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

func batchEvent(user string, i int) graph.AuditEvent {
	return graph.AuditEvent{ID: graph.NewAuditID(), At: time.Now().UTC(), User: user, Role: graph.RoleWorker,
		Action: "read_flags", RequestID: fmt.Sprintf("rb-%d", i), Outcome: graph.OutcomeAllowed, Status: 200}
}

// queued starts n appends while no flusher may run, waits until all are
// queued, then lets one flusher go; it returns each append's error.
func queued(t *testing.T, b *auditBatcher, events []graph.AuditEvent) []error {
	t.Helper()
	b.mu.Lock()
	b.flushers = auditFlushers // as if all were busy
	b.mu.Unlock()
	errs := make([]error, len(events))
	var wg sync.WaitGroup
	for i, e := range events {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			errs[i] = b.append(ctx, e)
		}()
	}
	for deadline := time.Now().Add(time.Minute); ; {
		b.mu.Lock()
		n := len(b.queue)
		if n == len(events) {
			b.flushers = 1
			go b.flush()
		}
		b.mu.Unlock()
		if n == len(events) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d appends queued", n, len(events))
		}
		time.Sleep(time.Millisecond)
	}
	wg.Wait()
	return errs
}

// TestAuditBatcherGroupsConcurrentAppends: appends queued together are
// written in one transaction each (batches of at most maxBatch), every
// waiting request hears its own event is stored, and a lone append is
// written at once.
func TestAuditBatcherGroupsConcurrentAppends(t *testing.T) {
	neo4jtest.Reset(t)
	ctx := context.Background()
	store, err := neo4jstore.New(ctx, neo4jtest.Driver())
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var sizes []int
	b := newAuditBatcher(store, 20, func(n int, err error) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			t.Errorf("batch of %d failed: %v", n, err)
		}
		sizes = append(sizes, n)
	})
	events := make([]graph.AuditEvent, 50)
	for i := range events {
		events[i] = batchEvent("worker-batch", i)
	}
	for i, err := range queued(t, b, events) {
		if err != nil {
			t.Errorf("append %d: %v", i, err)
		}
	}
	if want := []int{20, 20, 10}; fmt.Sprint(sizes) != fmt.Sprint(want) {
		t.Errorf("batch sizes %v, want %v", sizes, want)
	}
	got, err := store.Audit(ctx, graph.AuditFilter{User: "worker-batch"})
	if err != nil || len(got) != 50 {
		t.Fatalf("stored events: %d (%v), want 50", len(got), err)
	}
	// A lone append is not kept waiting for company.
	if err := b.append(ctx, batchEvent("worker-batch", 99)); err != nil {
		t.Fatalf("lone append: %v", err)
	}
	if fmt.Sprint(sizes[3:]) != "[1]" {
		t.Errorf("lone append: batch sizes %v, want a batch of 1 at the end", sizes)
	}
}

// TestAuditBatcherFailsEveryWaiterOfAFailedBatch: when a batch cannot be
// written, each request in it is told so (and answers 503), and nothing
// of the batch is stored.
func TestAuditBatcherFailsEveryWaiterOfAFailedBatch(t *testing.T) {
	neo4jtest.Reset(t)
	ctx := context.Background()
	store, err := neo4jstore.New(ctx, neo4jtest.Driver())
	if err != nil {
		t.Fatal(err)
	}
	taken := batchEvent("worker-fail", 0)
	if err := store.AppendAudit(ctx, taken); err != nil {
		t.Fatal(err)
	}
	events := []graph.AuditEvent{batchEvent("worker-fail", 1), taken, batchEvent("worker-fail", 2)}
	b := newAuditBatcher(store, 10, nil)
	for i, err := range queued(t, b, events) {
		if err == nil {
			t.Errorf("append %d of a failed batch: no error", i)
		}
	}
	if got, _ := store.Audit(ctx, graph.AuditFilter{User: "worker-fail"}); len(got) != 1 {
		t.Errorf("stored events: %d, want only the one stored before", len(got))
	}
}
