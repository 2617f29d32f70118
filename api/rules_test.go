package api

import (
	"net/http"
	"net/http/httptest"
	"sort"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// newOffline builds a server whose store is never reached.
func newOffline(cfg Config) *Server { return New(cfg, (*neo4jstore.Store)(nil), nil) }

// TestEveryRouteHasARule keeps the rules table and the routes in step: a
// route without a rule would be refused to everyone, a rule without a
// route is a stale entry that hides a renamed route.
func TestEveryRouteHasARule(t *testing.T) {
	s := newOffline(Config{})
	var routes []string
	for key := range s.registered {
		routes = append(routes, key)
	}
	sort.Strings(routes)
	for _, key := range routes {
		if _, ok := rules[key]; !ok {
			t.Errorf("route %s has no rule in rules.go", key)
		}
	}
	for key, r := range rules {
		if !s.registered[key] {
			t.Errorf("rule %s names no route", key)
		}
		if r.scope != scopePublic && (len(r.roles) == 0 || r.action == "") {
			t.Errorf("rule %s: got roles %v and action %q, want roles and an audit action", key, r.roles, r.action)
		}
		if r.scope == scopeRecord && r.kind == "" {
			t.Errorf("rule %s: a record rule names no record kind", key)
		}
	}
}

func TestServerTimeouts(t *testing.T) {
	s := newOffline(Config{})
	for name, got := range map[string]time.Duration{
		"ReadHeaderTimeout": s.http.ReadHeaderTimeout, "ReadTimeout": s.http.ReadTimeout,
		"WriteTimeout": s.http.WriteTimeout, "IdleTimeout": s.http.IdleTimeout,
	} {
		if got <= 0 {
			t.Errorf("%s: got %v, want a limit", name, got)
		}
	}
	if s.http.WriteTimeout <= renderWait {
		t.Errorf("WriteTimeout %v: want it longer than the render wait %v", s.http.WriteTimeout, renderWait)
	}
}

func TestCORSOnlyForConfiguredOrigins(t *testing.T) {
	s := newOffline(Config{CORSOrigins: []string{"https://plans.example"}})
	for _, tt := range []struct{ origin, want string }{
		{"https://plans.example", "https://plans.example"},
		{"https://elsewhere.example", ""},
	} {
		req := httptest.NewRequest(http.MethodOptions, "/api/v1/children", nil)
		req.Header.Set("Origin", tt.origin)
		req.Header.Set("Access-Control-Request-Method", "GET")
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.want {
			t.Errorf("preflight from %s: Access-Control-Allow-Origin got %q, want %q", tt.origin, got, tt.want)
		}
	}
}
