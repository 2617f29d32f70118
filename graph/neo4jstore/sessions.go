package neo4jstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Web sessions are (:WebSession {id, data, expiry}) nodes: id is the hex
// SHA-256 of the session token (the token, which is the browser's cookie,
// is never stored), data the session's encoded values, expiry when the
// session ends. SessionStore satisfies scs.CtxStore without importing
// scs: the store stays free of the web's libraries.
const (
	sessionFind = "MATCH (s:WebSession {id: $id}) WHERE s.expiry > $now RETURN s.data AS data"

	sessionCommit = "MERGE (s:WebSession {id: $id}) SET s.data = $data, s.expiry = $expiry"

	sessionDelete = "MATCH (s:WebSession {id: $id}) DELETE s"

	// sessionSweep removes a batch of expired sessions; run on commit, so
	// the store needs no timer of its own.
	sessionSweep = "MATCH (s:WebSession) WHERE s.expiry <= $now WITH s LIMIT 100 DELETE s"
)

// SessionStore keeps the web app's sessions in Neo4j, so that a restart
// of kinmap signs nobody out.
type SessionStore struct {
	s   *Store
	now func() time.Time
}

// Sessions returns the store's session store.
func (s *Store) Sessions() *SessionStore { return &SessionStore{s: s, now: time.Now} }

func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// FindCtx returns the data of the unexpired session token.
func (ss *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	out, err := readTx(ctx, ss.s, func(tx neo4j.ManagedTransaction) ([]byte, error) {
		recs, err := collect(ctx, tx, sessionFind, map[string]any{"id": sessionID(token), "now": ss.now().UTC()})
		if err != nil || len(recs) == 0 {
			return nil, err
		}
		b, _ := recs[0].Values[0].([]byte)
		return b, nil
	})
	if err != nil || out == nil {
		return nil, false, err
	}
	return out, true, nil
}

// CommitCtx stores the session's data until expiry, replacing what was
// there, and removes a batch of expired sessions in the same transaction.
func (ss *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := ss.s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		if _, err := collect(ctx, tx, sessionCommit, map[string]any{"id": sessionID(token), "data": b, "expiry": expiry.UTC()}); err != nil {
			return nil, err
		}
		_, err := collect(ctx, tx, sessionSweep, map[string]any{"now": ss.now().UTC()})
		return nil, err
	})
	return err
}

// DeleteCtx ends the session (no error when there is none).
func (ss *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := ss.s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		_, err := collect(ctx, tx, sessionDelete, map[string]any{"id": sessionID(token)})
		return nil, err
	})
	return err
}

// Find, Commit and Delete are the context-free forms scs.Store asks for.
func (ss *SessionStore) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

// Commit stores the session's data until expiry.
func (ss *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return ss.CommitCtx(context.Background(), token, b, expiry)
}

// Delete ends the session.
func (ss *SessionStore) Delete(token string) error {
	return ss.DeleteCtx(context.Background(), token)
}
