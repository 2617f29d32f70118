package graph

import (
	"context"
	"sync"
	"sync/atomic"
)

// ChangeAudit carries the audit event of a change to the store, which
// writes it in the change's own transaction: a change is committed with
// its event or not at all. Event builds the event when the change is
// written (so it names what the request has learnt by then). Of several
// write transactions in one request (a batched import) only the first to
// commit carries the event. It is safe for concurrent use.
type ChangeAudit struct {
	Event     func() AuditEvent
	committed atomic.Bool
	mu        sync.Mutex
	amends    []func(*AuditEvent)
}

// Amend adds f to what completes the event when it is built: for what only
// the code making the change learns before it writes (a new token's id).
// A nil a ignores it.
func (a *ChangeAudit) Amend(f func(*AuditEvent)) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.amends = append(a.amends, f)
}

// Build returns the event, completed by every Amend.
func (a *ChangeAudit) Build() AuditEvent {
	e := a.Event()
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, f := range a.amends {
		f(&e)
	}
	return e
}

// Committed reports whether a transaction carrying the event has
// committed.
func (a *ChangeAudit) Committed() bool { return a != nil && a.committed.Load() }

// MarkCommitted records that a transaction carrying the event committed.
func (a *ChangeAudit) MarkCommitted() { a.committed.Store(true) }

type changeAuditKey struct{}

// WithChangeAudit returns ctx carrying a (nil: none, so that a separate
// append of another event does not carry the change's event too).
func WithChangeAudit(ctx context.Context, a *ChangeAudit) context.Context {
	return context.WithValue(ctx, changeAuditKey{}, a)
}

// ChangeAuditFrom returns the change audit ctx carries, or nil.
func ChangeAuditFrom(ctx context.Context) *ChangeAudit {
	a, _ := ctx.Value(changeAuditKey{}).(*ChangeAudit)
	return a
}
