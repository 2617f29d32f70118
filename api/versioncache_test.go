package api_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
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

// TestCachesSeeWritesOfAnotherProcess: flags and maps served from a's
// caches are read afresh once b has written.
func TestCachesSeeWritesOfAnotherProcess(t *testing.T) {
	_, b, w := twoProcesses(t)
	paths := []string{
		"/api/v1/children/ard-kieran/flags",
		"/api/v1/children/ard-kieran/map.dot",
		"/api/v1/children/ard-kieran/map.dot?audience=child",
		"/api/v1/children/ard-kieran/sibling-group/map.svg",
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
	cachedTwice(t, w, "/api/v1/children/ard-kieran/flags")
	cachedTwice(t, w, "/api/v1/children/ard-kieran/map.dot")
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

// TestCachedRequestsAreAudited: a request served from the caches still
// has its audit event.
func TestCachedRequestsAreAudited(t *testing.T) {
	a, _, w := twoProcesses(t)
	cachedTwice(t, w, "/api/v1/children/ard-kieran/map.dot")
	cachedTwice(t, w, "/api/v1/children/ard-kieran/flags")
	var events struct {
		Items []struct{ Action string }
	}
	res := a.as(admin).do("GET", "/api/v1/audit?user=worker-a", nil, "")
	if res.Status != http.StatusOK {
		t.Fatalf("audit: %d %s", res.Status, res.Body)
	}
	res.decode(t, &events)
	n := map[string]int{}
	for _, e := range events.Items {
		n[e.Action]++
	}
	if n["read_map"] != 2 || n["read_flags"] != 2 {
		t.Errorf("audit events of worker-a: got %v, want 2 read_map and 2 read_flags", n)
	}
}

// TestCachedMapRevalidates: a map served from the cache carries the ETag
// of the drawn map, and If-None-Match with it answers 304.
func TestCachedMapRevalidates(t *testing.T) {
	_, _, w := twoProcesses(t)
	path := "/api/v1/children/ard-kieran/map.dot"
	first := w.do("GET", path, nil, "")
	second := w.do("GET", path, nil, "")
	etag := first.Header.Get("ETag")
	if second.Header.Get("X-Kinmap-Cache") != "hit" || etag == "" || second.Header.Get("ETag") != etag {
		t.Fatalf("ETags: drawn %q, cached %q (cache %q); want equal", etag, second.Header.Get("ETag"), second.Header.Get("X-Kinmap-Cache"))
	}
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Authorization", "Bearer "+w.token)
	req.Header.Set("If-None-Match", etag)
	rec := httptest.NewRecorder()
	w.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("If-None-Match from the cache: got %d with %d bytes, want 304 and none", rec.Code, rec.Body.Len())
	}
}
