package neo4jstore_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

func TestSessionStoreKeepsFindsExpiresAndDeletes(t *testing.T) {
	neo4jtest.Reset(t)
	ctx := context.Background()
	store, err := neo4jstore.New(ctx, neo4jtest.Driver())
	if err != nil {
		t.Fatal(err)
	}
	ss := store.Sessions()
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
