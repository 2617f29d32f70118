package neo4jstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
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

// touchEvery is how often a session whose data did not change has its
// expiry written again: the web app's idle timeout moves the expiry on
// every request, and a write transaction per page view would cost more
// than the page. A session may so end up to touchEvery before its idle
// timeout; a change of its data is always written.
const touchEvery = time.Minute

// SessionStore keeps the web app's sessions in Neo4j, so that a restart
// of kinmap signs nobody out.
type SessionStore struct {
	s   *Store
	now func() time.Time

	mu        sync.Mutex
	committed map[string]committedSession // by session id: what this process last wrote
	swept     time.Time                   // when this process last swept expired sessions
}

// committedSession is what a process last wrote of a session.
type committedSession struct {
	data   [sha256.Size]byte
	expiry time.Time
}

// Sessions returns the store's session store.
func (s *Store) Sessions() *SessionStore {
	return &SessionStore{s: s, now: time.Now, committed: map[string]committedSession{}}
}

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
// there, unless only the expiry moved, by less than touchEvery, since
// this process wrote the same data; and removes a batch of expired
// sessions in the same transaction, at most once per touchEvery.
func (ss *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	id, sum, now := sessionID(token), sha256.Sum256(b), ss.now()
	ss.mu.Lock()
	last, ok := ss.committed[id]
	if ok && last.data == sum && !expiry.Before(last.expiry) && expiry.Sub(last.expiry) < touchEvery {
		ss.mu.Unlock()
		return nil
	}
	sweep := now.Sub(ss.swept) >= touchEvery
	if sweep {
		ss.swept = now
		for k, c := range ss.committed {
			if !c.expiry.After(now) {
				delete(ss.committed, k)
			}
		}
	}
	ss.mu.Unlock()
	_, err := ss.s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		if _, err := collect(ctx, tx, sessionCommit, map[string]any{"id": id, "data": b, "expiry": expiry.UTC()}); err != nil {
			return nil, err
		}
		if !sweep {
			return nil, nil
		}
		_, err := collect(ctx, tx, sessionSweep, map[string]any{"now": now.UTC()})
		return nil, err
	})
	if err == nil {
		ss.mu.Lock()
		ss.committed[id] = committedSession{data: sum, expiry: expiry}
		ss.mu.Unlock()
	}
	return err
}

// DeleteCtx ends the session (no error when there is none).
func (ss *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	id := sessionID(token)
	ss.mu.Lock()
	delete(ss.committed, id)
	ss.mu.Unlock()
	_, err := ss.s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		_, err := collect(ctx, tx, sessionDelete, map[string]any{"id": id})
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
