package api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/labstack/echo/v4"
)

func TestRateKeyIsOneBucketPerToken(t *testing.T) {
	key := func(auth string) string {
		req := httptest.NewRequest("GET", "/api/v1/children", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		return rateKey(echo.New().NewContext(req, httptest.NewRecorder()))
	}
	want := key("Bearer km_abc")
	for _, auth := range []string{"bearer km_abc", "BEARER km_abc", "Bearer   km_abc", "Bearer km_abc  ", " Bearer km_abc"} {
		if got := key(auth); got != want {
			t.Errorf("rateKey(%q): got %s, want the bucket of %q (%s)", auth, got, "Bearer km_abc", want)
		}
	}
	if got := key("Bearer km_abd"); got == want {
		t.Errorf("two tokens share the bucket %s", got)
	}
	if got := key(""); got == want {
		t.Errorf("no token shares the bucket of a token: %s", got)
	}
}

// refusingAuth fails every authentication.
type refusingAuth struct{}

func (refusingAuth) Authenticate(context.Context, *http.Request) (graph.Principal, error) {
	return graph.Principal{}, errors.New("unknown token")
}

// auditCounter is a store that only counts audit events.
type auditCounter struct {
	*neo4jstore.Store
	events int
}

func (a *auditCounter) AppendAudit(context.Context, graph.AuditEvent) error {
	a.events++
	return nil
}

// TestFailedAuthenticationIsRateLimitedByAddress: random tokens from one
// address cannot buy fresh buckets: after 30 failures the address gets
// 429 before authentication, and the audit trail is not flooded.
func TestFailedAuthenticationIsRateLimitedByAddress(t *testing.T) {
	store := &auditCounter{}
	s := New(Config{Auth: refusingAuth{}, RateLimit: 1000, RateBurst: 1000}, store, nil)
	var statuses []int
	for i := range 32 {
		req := httptest.NewRequest("GET", "/api/v1/children", nil)
		req.Header.Set("Authorization", "Bearer km_random"+strconv.Itoa(i))
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		statuses = append(statuses, rec.Code)
		if rec.Code == http.StatusTooManyRequests && rec.Header().Get("Retry-After") == "" {
			t.Errorf("request %d: 429 without Retry-After", i)
		}
	}
	for i, got := range statuses {
		want := http.StatusUnauthorized
		if i >= 30 {
			want = http.StatusTooManyRequests
		}
		if got != want {
			t.Errorf("request %d: got %d, want %d", i, got, want)
		}
	}
	if store.events != 30 {
		t.Errorf("audit events: got %d, want 30 (refusals past the limit are not audited)", store.events)
	}
}
