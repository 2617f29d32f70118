package api_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/auth/authtest"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// newClientWith is newClientFor with the configuration cfg.
func newClientWith(t *testing.T, cfg api.Config, iss *authtest.Issuer, store api.Store) *client {
	t.Helper()
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(io.MultiWriter(&logs, &sessionLogs), nil))
	srv := api.New(cfg, store, log)
	c := &client{t: t, h: srv.Handler(), log: &logs, issuer: iss, srv: srv}
	return c.as(admin)
}

// Two kinmap processes on one Neo4j: a and b are two servers, each with
// its own store and caches. A serves a worker (API token, so that both
// servers accept it); b makes the writes.
func twoProcesses(t *testing.T) (a, b *client, worker *client) {
	t.Helper()
	a = demoClient(t)
	b = newClientFor(t, testStore(t))
	var tok struct{ Token string }
	res := b.as(admin).do("POST", "/api/v1/tokens", `{"user":"worker-a","role":"worker"}`, "")
	if res.Status != http.StatusCreated {
		t.Fatalf("token: %d %s", res.Status, res.Body)
	}
	res.decode(t, &tok)
	w := *a
	w.token = tok.Token
	return a, b, &w
}

// cachedTwice asks for path twice and checks the second answer came from
// a cache and equals the first.
func cachedTwice(t *testing.T, c *client, path string) []byte {
	t.Helper()
	first := c.do("GET", path, nil, "")
	if first.Status != http.StatusOK {
		t.Fatalf("%s: %d %s", path, first.Status, first.Body)
	}
	second := c.do("GET", path, nil, "")
	if second.Status != http.StatusOK || second.Header.Get("X-Kinmap-Cache") != "hit" || !bytes.Equal(first.Body, second.Body) {
		t.Fatalf("%s again: %d, cache %q, same body %v; want 200 from the cache, same body", path, second.Status,
			second.Header.Get("X-Kinmap-Cache"), bytes.Equal(first.Body, second.Body))
	}
	return second.Body
}

// TestCachesSeeWritesOfAnotherProcess: flags served from a's
// caches are read afresh once b has written.
func TestCachesSeeWritesOfAnotherProcess(t *testing.T) {
	_, b, w := twoProcesses(t)
	paths := []string{
		"/api/v1/children/ard-kieran/flags",
	}
	before := map[string][]byte{}
	for _, p := range paths {
		before[p] = cachedTwice(t, w, p)
	}
	// b ends Kieran's link to his sister Shannon: every one of these
	// shows it.
	if res := b.do("POST", "/api/v1/relationships/ard-rel-shannon-kieran/end", `{"until":"2026-10-31"}`, ""); res.Status != http.StatusOK {
		t.Fatalf("end relationship: %d %s", res.Status, res.Body)
	}
	for _, path := range paths {
		res := w.do("GET", path, nil, "")
		if res.Status != http.StatusOK {
			t.Fatalf("%s after the write: %d %s", path, res.Status, res.Body)
		}
		if res.Header.Get("X-Kinmap-Cache") == "hit" {
			t.Errorf("%s after another process's write: served from the cache", path)
		}
		if bytes.Equal(res.Body, before[path]) {
			t.Errorf("%s after another process's write: unchanged", path)
		}
	}
}

// TestScopeCacheDropsARemovedChild: once another process ends the
// worker's allocation of a child, the worker's next request for the
// child is refused, cached flags and maps or not.
func TestScopeCacheDropsARemovedChild(t *testing.T) {
	_, b, w := twoProcesses(t)
	for i := 0; i < 2; i++ {
		if res := w.do("GET", "/api/v1/children/ard-kieran/flags", nil, ""); res.Status != http.StatusOK {
			t.Fatalf("before: %d %s", res.Status, res.Body)
		}
	}
	if res := b.do("POST", "/api/v1/assignments/ard-a-kieran/end", `{"until":"2026-10-31"}`, ""); res.Status != http.StatusOK {
		t.Fatalf("end allocation: %d %s", res.Status, res.Body)
	}
	for _, path := range []string{"/api/v1/children/ard-kieran/flags", "/api/v1/children/ard-kieran/map.dot"} {
		if res := w.do("GET", path, nil, ""); res.Status != http.StatusNotFound {
			t.Errorf("%s after the allocation ended: got %d, want 404", path, res.Status)
		}
	}
	if res := w.do("GET", "/api/v1/children/ard-amy/flags", nil, ""); res.Status != http.StatusOK {
		t.Errorf("a child still allocated: got %d, want 200", res.Status)
	}
}

// TestRevocationByAnotherProcess: a token a has just accepted (and
// cached) is refused on the next request once b revokes it.
func TestRevocationByAnotherProcess(t *testing.T) {
	a, b, _ := twoProcesses(t)
	var tok struct{ ID, Token string }
	res := a.as(admin).do("POST", "/api/v1/tokens", `{"user":"worker-a","role":"worker"}`, "")
	if res.Status != http.StatusCreated {
		t.Fatalf("token: %d %s", res.Status, res.Body)
	}
	res.decode(t, &tok)
	w := *a
	w.token = tok.Token
	for i := 0; i < 2; i++ {
		if res := w.do("GET", "/api/v1/children/ard-kieran/flags", nil, ""); res.Status != http.StatusOK {
			t.Fatalf("before revocation: %d %s", res.Status, res.Body)
		}
	}
	if res := b.as(admin).do("POST", "/api/v1/tokens/"+tok.ID+"/revoke", nil, ""); res.Status != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", res.Status, res.Body)
	}
	if res := w.do("GET", "/api/v1/children/ard-kieran/flags", nil, ""); res.Status != http.StatusUnauthorized {
		t.Errorf("the next request after revocation: got %d, want 401", res.Status)
	}
}

// TestCachedTokenExpires: a token accepted (and cached) is refused once
// the clock passes its expiry, with nothing written in between.
func TestCachedTokenExpires(t *testing.T) {
	neo4jtest.Reset(t)
	store := testStore(t)
	cfg, iss := testConfig(t, store)
	now := time.Now()
	cfg.Auth.(*auth.Authenticator).Now = func() time.Time { return now }
	c := newClientWith(t, cfg, iss, store)
	var tok struct{ Token string }
	res := c.as(admin).do("POST", "/api/v1/tokens", `{"user":"admin-x","role":"admin","expires_in_days":1}`, "")
	if res.Status != http.StatusCreated {
		t.Fatalf("token: %d %s", res.Status, res.Body)
	}
	res.decode(t, &tok)
	c.token = tok.Token
	for i := 0; i < 2; i++ {
		if res := c.do("GET", "/api/v1/tokens", nil, ""); res.Status != http.StatusOK {
			t.Fatalf("before expiry: %d %s", res.Status, res.Body)
		}
	}
	now = now.Add(25 * time.Hour)
	if res := c.do("GET", "/api/v1/tokens", nil, ""); res.Status != http.StatusUnauthorized {
		t.Errorf("after expiry: got %d, want 401", res.Status)
	}
}
