package api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// goodAuth accepts "Bearer good" (an admin) and refuses anything else.
type goodAuth struct{}

func (goodAuth) Authenticate(_ context.Context, r *http.Request) (graph.Principal, error) {
	if r.Header.Get("Authorization") == "Bearer good" {
		return graph.Principal{User: "admin-t", Role: graph.RoleAdmin, Credential: "token:tok-good"}, nil
	}
	return graph.Principal{}, errors.New("unknown token")
}

// quietStore answers pings and token lists, and counts audit events.
type quietStore struct{ auditCounter }

func (*quietStore) Ping(context.Context) error                       { return nil }
func (*quietStore) Tokens(context.Context) ([]graph.APIToken, error) { return nil, nil }

func lockoutRequest(s *Server, path, auth, remote, xff string) int {
	req := httptest.NewRequest("GET", path, nil)
	req.RemoteAddr = remote
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec.Code
}

// TestFailedLoginsDoNotLockOutTheAddress: after an address has failed
// authentication past its limit, its bad credentials get 429, but a valid
// token from the same address (a council's NAT) and the health probes
// still pass.
func TestFailedLoginsDoNotLockOutTheAddress(t *testing.T) {
	s := New(Config{Auth: goodAuth{}, RateLimit: 1000, RateBurst: 1000}, &quietStore{}, nil)
	const nat = "198.51.100.7:40000"
	for i := range 40 {
		lockoutRequest(s, "/api/v1/children", "Bearer km_bad"+strconv.Itoa(i), nat, "")
	}
	if got := lockoutRequest(s, "/api/v1/children", "Bearer km_bad-again", nat, ""); got != http.StatusTooManyRequests {
		t.Errorf("a bad token after 40 failures: got %d, want 429", got)
	}
	for _, tt := range []struct{ path, auth string }{
		{"/api/v1/tokens", "Bearer good"}, {"/healthz", ""}, {"/readyz", ""},
	} {
		if got := lockoutRequest(s, tt.path, tt.auth, nat, ""); got != http.StatusOK {
			t.Errorf("GET %s from the address after 40 failures: got %d, want 200", tt.path, got)
		}
	}
}

// TestTrustedProxies: X-Forwarded-For is believed only from a trusted
// proxy (the rightmost untrusted hop is the client), so the clients
// behind one proxy are limited apart; from anyone else it is ignored.
func TestTrustedProxies(t *testing.T) {
	s := New(Config{Auth: goodAuth{}, RateLimit: 1000, RateBurst: 1000,
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}, &quietStore{}, nil)
	const proxy = "10.1.2.3:5000"
	for i := range 40 {
		// The client forges a hop to its left; the proxy appends the
		// address it saw.
		lockoutRequest(s, "/api/v1/children", "Bearer km_bad"+strconv.Itoa(i), proxy, "192.0.2."+strconv.Itoa(i)+", 203.0.113.5")
	}
	if got := lockoutRequest(s, "/api/v1/children", "Bearer km_bad", proxy, "203.0.113.5"); got != http.StatusTooManyRequests {
		t.Errorf("the failing client behind the proxy: got %d, want 429", got)
	}
	if got := lockoutRequest(s, "/api/v1/children", "Bearer km_bad", proxy, "203.0.113.6"); got != http.StatusUnauthorized {
		t.Errorf("another client behind the proxy: got %d, want 401", got)
	}
	// An untrusted sender's X-Forwarded-For is not believed: its
	// failures count against its own address whatever it claims.
	const direct = "198.51.100.9:1"
	for i := range 40 {
		lockoutRequest(s, "/api/v1/children", "Bearer km_bad", direct, "203.0.113."+strconv.Itoa(100+i))
	}
	if got := lockoutRequest(s, "/api/v1/children", "Bearer km_bad", direct, "203.0.113.250"); got != http.StatusTooManyRequests {
		t.Errorf("an untrusted sender with a fresh X-Forwarded-For: got %d, want 429", got)
	}
}
