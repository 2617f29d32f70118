package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The store version is one (:StoreVersion {id: 'store'}) node whose
// counter n every write transaction increments in the same transaction
// (see write), so a version read from Neo4j names exactly one state of
// the records, whichever kinmap process wrote them. epoch is drawn when
// the node is made, so a wiped and refilled database never repeats an
// earlier version. Results computed from the records (the authority
// report) can be cached under it.
const (
	bumpVersion = `MERGE (v:StoreVersion {id: 'store'}) ON CREATE SET v.epoch = randomUUID(), v.n = 0
SET v.n = v.n + 1`
	readVersion = `OPTIONAL MATCH (v:StoreVersion {id: 'store'}) RETURN v.epoch AS epoch, v.n AS n`
)

// versioned wraps a write transaction's work so that the transaction also
// bumps the store version, unless all it ran was audit appends: reads are
// audited, and a read must not make the records look changed.
func versioned[T any](ctx context.Context, work neo4j.ManagedTransactionWorkT[T]) neo4j.ManagedTransactionWorkT[T] {
	return func(tx neo4j.ManagedTransaction) (T, error) {
		var zero T
		rt := &recordingTx{ManagedTransaction: tx}
		out, err := work(rt)
		if err != nil || !rt.changes {
			return out, err
		}
		if err := run(ctx, tx, bumpVersion, nil); err != nil {
			return zero, err
		}
		return out, nil
	}
}

// Version returns the store version: "" when nothing has been written
// through kinmap (nothing to cache against), else "epoch:n".
func (s *Store) Version(ctx context.Context) (string, error) {
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (string, error) { return versionIn(ctx, tx) })
	if err != nil {
		return "", err
	}
	return out, nil
}

// versionIn reads the store version in tx (see Version).
func versionIn(ctx context.Context, tx neo4j.ManagedTransaction) (string, error) {
	recs, err := collect(ctx, tx, readVersion, nil)
	if err != nil {
		return "", err
	}
	epoch, _ := recs[0].Get("epoch")
	n, _ := recs[0].Get("n")
	return versionText(epoch, n), nil
}

// versionText is the store version of readVersion's epoch and n.
func versionText(epoch, n any) string {
	e, _ := epoch.(string)
	c, _ := n.(int64)
	if e == "" {
		return ""
	}
	return fmt.Sprintf("%s:%d", e, c)
}

// bookkeeping are the statements that change no record a report, map,
// scope or token depends on: audit appends (one event or a batch) and
// the web app's sessions (written on every page view; a version bump
// there would empty every cache).
var bookkeeping = map[string]bool{
	auditAppend: true, auditAppendMany: true,
	sessionCommit: true, sessionSweep: true, sessionDelete: true,
}

// recordingTx notes whether a transaction ran anything but bookkeeping.
type recordingTx struct {
	neo4j.ManagedTransaction
	changes bool
}

func (t *recordingTx) Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	if !bookkeeping[cypher] {
		t.changes = true
	}
	return t.ManagedTransaction.Run(ctx, cypher, params)
}
