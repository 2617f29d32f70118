package api

import (
	"context"
	"sync"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// reportCache keeps authority reports (counts only, no people) by store
// version and date, so that a report asked for again before anything is
// written is not computed again. The version is read from Neo4j on every
// request (one small query), so a write by any kinmap process on the same
// database makes the next request compute afresh. Concurrent requests for
// one key share one computation.
type reportCache struct {
	mu      sync.Mutex
	max     int
	order   []string // oldest first
	items   map[string]analysis.Report
	pending map[string]*reportCall
}

type reportCall struct {
	done chan struct{}
	rep  analysis.Report
	err  error
}

func newReportCache(max int) *reportCache {
	return &reportCache{max: max, items: map[string]analysis.Report{}, pending: map[string]*reportCall{}}
}

// reportSource is what the cache needs from the store.
type reportSource interface {
	Version(ctx context.Context) (string, error)
	ReportAuthority(ctx context.Context, asOf graph.Date) (*graph.Network, error)
}

// report returns the sibling placement report as of asOf: from the cache
// when the store version is unchanged, else computed (and kept, unless
// the store has no version yet). cached says which.
func (rc *reportCache) report(ctx context.Context, st reportSource, asOf graph.Date) (rep analysis.Report, cached bool, err error) {
	version, err := st.Version(ctx)
	if err != nil {
		return analysis.Report{}, false, err
	}
	compute := func() (analysis.Report, error) {
		// Detached from the client (one who leaves does not fail the
		// others waiting for the same report), within its deadline.
		cctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		if dl, ok := ctx.Deadline(); ok {
			cancel()
			cctx, cancel = context.WithDeadline(context.WithoutCancel(ctx), dl)
		}
		defer cancel()
		n, err := st.ReportAuthority(cctx, asOf)
		if err != nil {
			return analysis.Report{}, err
		}
		return analysis.SiblingPlacementReport(n), nil
	}
	if version == "" {
		rep, err := compute()
		return rep, false, err
	}
	key := version + "|" + asOf.String()
	rc.mu.Lock()
	if r, ok := rc.items[key]; ok {
		rc.mu.Unlock()
		return r, true, nil
	}
	if call, ok := rc.pending[key]; ok {
		rc.mu.Unlock()
		select {
		case <-call.done:
			return call.rep, call.err == nil, call.err
		case <-ctx.Done():
			return analysis.Report{}, false, ctx.Err()
		}
	}
	call := &reportCall{done: make(chan struct{})}
	rc.pending[key] = call
	rc.mu.Unlock()

	call.rep, call.err = compute()
	rc.mu.Lock()
	delete(rc.pending, key)
	if call.err == nil {
		rc.put(key, call.rep)
	}
	rc.mu.Unlock()
	close(call.done)
	return call.rep, false, call.err
}

// put keeps rep under key, dropping the oldest entries beyond max. The
// caller holds mu.
func (rc *reportCache) put(key string, rep analysis.Report) {
	if _, ok := rc.items[key]; !ok {
		rc.order = append(rc.order, key)
	}
	rc.items[key] = rep
	for len(rc.order) > rc.max {
		delete(rc.items, rc.order[0])
		rc.order = rc.order[1:]
	}
}
