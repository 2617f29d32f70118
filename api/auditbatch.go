package api

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/kinmap/kinmap/graph"
)

// auditBatchAppender is a store that can append several audit events in
// one transaction (*neo4jstore.Store can).
type auditBatchAppender interface {
	AppendAudits(ctx context.Context, events []graph.AuditEvent) error
}

// Bounds of the audit batcher.
const (
	defaultAuditBatch = 256  // events in one transaction
	auditQueueLimit   = 4096 // events waiting; more answer 503 at once
	auditFlushers     = 2    // transactions writing batches at a time
	auditWriteTimeout = 10 * time.Second
)

var errAuditQueueFull = fmt.Errorf("audit queue full: %w", graph.ErrUnavailable)

// auditBatcher groups the audit appends of concurrent requests: a
// request's event joins a queue, and a flusher writes what is queued in
// one transaction and tells each waiting request how it went. A flusher
// starts as soon as an event is queued and none is free, so a lone
// request is written at once; events arriving while a batch is being
// written go together in the next one. Each request still waits for its
// own event to be committed (or for the batch to fail, which fails every
// request in it).
type auditBatcher struct {
	store    AuditStore
	maxBatch int
	observe  func(size int, err error) // nil: none

	mu       sync.Mutex
	queue    []*auditWait
	flushers int
}

type auditWait struct {
	e    graph.AuditEvent
	done chan error
}

func newAuditBatcher(store AuditStore, maxBatch int, observe func(int, error)) *auditBatcher {
	return &auditBatcher{store: store, maxBatch: maxBatch, observe: observe}
}

// append queues e and waits until it is written, the batch fails or ctx
// ends (the event may then still be written).
func (b *auditBatcher) append(ctx context.Context, e graph.AuditEvent) error {
	w := &auditWait{e: e, done: make(chan error, 1)}
	b.mu.Lock()
	if len(b.queue) >= auditQueueLimit {
		b.mu.Unlock()
		return errAuditQueueFull
	}
	b.queue = append(b.queue, w)
	if b.flushers < auditFlushers {
		b.flushers++
		go b.flush()
	}
	b.mu.Unlock()
	select {
	case err := <-w.done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("audit append: %w: %w", graph.ErrUnavailable, ctx.Err())
	}
}

// flush writes queued events batch by batch until the queue is empty.
func (b *auditBatcher) flush() {
	for {
		b.mu.Lock()
		if len(b.queue) == 0 {
			b.queue = nil
			b.flushers--
			b.mu.Unlock()
			return
		}
		n := min(len(b.queue), b.maxBatch)
		batch := b.queue[:n:n]
		b.queue = b.queue[n:]
		b.mu.Unlock()
		err := b.write(batch)
		if b.observe != nil {
			b.observe(len(batch), err)
		}
		for _, w := range batch {
			w.done <- err
		}
	}
}

func (b *auditBatcher) write(batch []*auditWait) error {
	ctx, cancel := context.WithTimeout(context.Background(), auditWriteTimeout)
	defer cancel()
	many, ok := b.store.(auditBatchAppender)
	if len(batch) == 1 || !ok {
		for _, w := range batch {
			if err := b.store.AppendAudit(ctx, w.e); err != nil {
				return err
			}
		}
		return nil
	}
	events := make([]graph.AuditEvent, len(batch))
	for i, w := range batch {
		events[i] = w.e
	}
	return many.AppendAudits(ctx, events)
}
