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
