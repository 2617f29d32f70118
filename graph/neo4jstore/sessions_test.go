package neo4jstore_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// sessionStore is the session store of an emptied database.
func sessionStore(t *testing.T) (*neo4jstore.SessionStore, context.Context) {
	t.Helper()
	neo4jtest.Reset(t)
	store, err := neo4jstore.New(context.Background(), neo4jtest.Driver())
	if err != nil {
		t.Fatal(err)
	}
	return store.Sessions(), context.Background()
}

func TestSessionStoreKeepsFindsExpiresAndDeletes(t *testing.T) {
	ss, ctx := sessionStore(t)
	if err := ss.CommitCtx(ctx, "tok-a", []byte("data-a"), time.Now().Add(time.Hour)); err != nil {
		t.Fatalf("commit: %v", err)
	}
	if err := ss.CommitCtx(ctx, "tok-old", []byte("data-old"), time.Now().Add(-time.Minute)); err != nil {
		t.Fatalf("commit expired: %v", err)
	}
	b, found, err := ss.FindCtx(ctx, "tok-a")
	if err != nil || !found || !bytes.Equal(b, []byte("data-a")) {
		t.Fatalf("find: got %q %v %v, want data-a", b, found, err)
	}
	// A second store over the same database (a restarted kinmap) finds it.
	again, err := neo4jstore.New(ctx, neo4jtest.Driver())
	if err != nil {
		t.Fatal(err)
	}
	if _, found, _ := again.Sessions().Find("tok-a"); !found {
		t.Errorf("after a restart the session is gone")
	}
	if _, found, err := ss.FindCtx(ctx, "tok-old"); found || err != nil {
		t.Errorf("expired session: found %v err %v, want not found", found, err)
	}
	if _, found, _ := ss.FindCtx(ctx, "nope"); found {
		t.Errorf("unknown token found")
	}
	if v := cypherValue(t, "MATCH (s:WebSession) WHERE s.id = 'tok-a' OR s.data = 'tok-a' RETURN count(s) AS v"); v != int64(0) {
		t.Errorf("the token itself is stored: %v", v)
	}
	if err := ss.CommitCtx(ctx, "tok-a", []byte("data-b"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if b, _, _ := ss.FindCtx(ctx, "tok-a"); !bytes.Equal(b, []byte("data-b")) {
		t.Errorf("commit did not replace: %q", b)
	}
	if err := ss.DeleteCtx(ctx, "tok-a"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := ss.FindCtx(ctx, "tok-a"); found {
		t.Errorf("deleted session found")
	}
	if err := ss.Delete("never-there"); err != nil {
		t.Errorf("deleting an unknown session: %v", err)
	}
}

// TestSessionStoreTouchesAtMostEveryMinute: a commit that only moves the
// expiry on, by less than a minute, of data this process wrote is not
// written (a page view costs no write transaction); new data, or an
// expiry a minute or more on, is.
func TestSessionStoreTouchesAtMostEveryMinute(t *testing.T) {
	ss, ctx := sessionStore(t)
	sum := sha256.Sum256([]byte("tok-t"))
	stored := func() int64 {
		v := cypherValue(t, "MATCH (s:WebSession {id: '"+hex.EncodeToString(sum[:])+"'}) RETURN s.expiry.epochSeconds AS v")
		n, _ := v.(int64)
		return n
	}
	start := time.Now().Add(30 * time.Minute).Truncate(time.Second)
	commit := func(data string, expiry time.Time) {
		t.Helper()
		if err := ss.CommitCtx(ctx, "tok-t", []byte(data), expiry); err != nil {
			t.Fatalf("commit: %v", err)
		}
	}
	commit("d1", start)
	commit("d1", start.Add(20*time.Second))
	if got := stored(); got != start.Unix() {
		t.Errorf("expiry moved 20 s, same data: stored %d, want the first %d (not written)", got, start.Unix())
	}
	commit("d2", start.Add(30*time.Second))
	if got := stored(); got != start.Add(30*time.Second).Unix() {
		t.Errorf("new data: stored expiry %d, want %d", got, start.Add(30*time.Second).Unix())
	}
	if b, _, _ := ss.FindCtx(ctx, "tok-t"); string(b) != "d2" {
		t.Errorf("new data: found %q, want d2", b)
	}
	commit("d2", start.Add(95*time.Second))
	if got := stored(); got != start.Add(95*time.Second).Unix() {
		t.Errorf("expiry a minute on: stored %d, want %d", got, start.Add(95*time.Second).Unix())
	}
	if err := ss.DeleteCtx(ctx, "tok-t"); err != nil {
		t.Fatal(err)
	}
	commit("d2", start.Add(100*time.Second)) // after a delete, written again
	if stored() == 0 {
		t.Errorf("a commit after delete was not written")
	}
}
