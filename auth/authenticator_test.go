package auth_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/auth/authtest"
	"github.com/kinmap/kinmap/graph"
)

var authNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// withAuth returns a GET with the given Authorization headers.
func withAuth(authz ...string) *http.Request {
	r := httptest.NewRequest("GET", "/api/v1/children", nil)
	for _, a := range authz {
		r.Header.Add("Authorization", a)
	}
	return r
}

// checkFailure checks that err is an *auth.Error wrapping
// ErrUnauthenticated with the given reason, and that its text holds
// none of the secrets.
func checkFailure(t *testing.T, err error, reason string, secrets ...string) {
	t.Helper()
	var aerr *auth.Error
	if !errors.As(err, &aerr) || !errors.Is(err, auth.ErrUnauthenticated) {
		t.Fatalf("got %v, want an *auth.Error wrapping ErrUnauthenticated", err)
	}
	if aerr.Reason != reason {
		t.Errorf("reason: got %q, want %q", aerr.Reason, reason)
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(err.Error(), s) {
			t.Errorf("error %q contains a secret or claim value", err)
		}
	}
}

func TestAPITokenLifecycle(t *testing.T) {
	ctx := context.Background()
	store := authtest.NewTokens()
	a := &auth.Authenticator{Tokens: store, Now: func() time.Time { return authNow }}

	worker, token, err := auth.Issue(ctx, store, "worker-a", graph.RoleWorker, []string{"team-north"}, 0, authNow.Add(-time.Hour))
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	if !auth.IsAPIToken(token) || worker.ID == "" || !worker.Expires.IsZero() {
		t.Fatalf("Issue: got %+v and a token of length %d, want an id, no expiry and a km_ token", worker, len(token))
	}
	_, shortToken, err := auth.Issue(ctx, store, "worker-b", graph.RoleManager, nil, time.Hour, authNow.Add(-2*time.Hour))
	if err != nil {
		t.Fatalf("Issue with ttl: %v", err)
	}
	if _, _, err := auth.Issue(ctx, store, "worker-c", "boss", nil, 0, authNow); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Issue with a bad role: got %v, want ErrInvalid", err)
	}

	got, err := a.Authenticate(ctx, withAuth("Bearer "+token))
	want := graph.Principal{User: "worker-a", Role: graph.RoleWorker, Teams: []string{"team-north"}, Method: graph.MethodToken,
		Credential: "token:" + worker.ID}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Authenticate: got %+v, %v; want %+v", got, err, want)
	}
	if _, err := a.Authenticate(ctx, withAuth("bearer  "+token+" ")); err != nil {
		t.Errorf("lower-case scheme, extra spaces: got %v, want nil", err)
	}

	_, err = a.Authenticate(ctx, withAuth("Bearer "+shortToken))
	checkFailure(t, err, "api token expired", shortToken)

	unknown, _ := auth.NewToken()
	_, err = a.Authenticate(ctx, withAuth("Bearer "+unknown))
	checkFailure(t, err, "unknown api token", unknown)

	_, err = a.Authenticate(ctx, withAuth("Bearer km_not-a-real-token"))
	checkFailure(t, err, "malformed api token", "km_not-a-real-token")

	store.Revoke(worker.ID, authNow.Add(time.Minute))
	if _, err := a.Authenticate(ctx, withAuth("Bearer "+token)); err != nil {
		t.Errorf("before the revocation time: got %v, want nil", err)
	}
	store.Revoke(worker.ID, authNow) // keeps the first time
	a.Now = func() time.Time { return authNow.Add(time.Minute) }
	_, err = a.Authenticate(ctx, withAuth("Bearer "+token))
	checkFailure(t, err, "api token revoked", token)

	store.FailWith(fmt.Errorf("%w: connection refused", graph.ErrUnavailable))
	_, err = a.Authenticate(ctx, withAuth("Bearer "+unknown))
	checkFailure(t, err, "token store unavailable", unknown)
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("store down: got %v, want it to wrap graph.ErrUnavailable", err)
	}
	store.FailWith(errors.New("boom"))
	_, err = a.Authenticate(ctx, withAuth("Bearer "+unknown))
	checkFailure(t, err, "api token lookup failed")
}

func TestAuthorizationHeader(t *testing.T) {
	ctx := context.Background()
	store := authtest.NewTokens()
	token := store.Add(t, graph.APIToken{ID: "tok-1", User: "admin-z", Role: graph.RoleAdmin, Created: authNow})
	a := auth.NewAuthenticator(store, nil)
	tests := []struct {
		name   string
		header []string
		reason string
	}{
		{"none", nil, "no credentials"},
		{"two headers", []string{"Bearer " + token, "Bearer " + token}, "several authorization headers"},
		{"basic", []string{"Basic " + token}, "not a bearer credential"},
		{"no credential", []string{"Bearer "}, "empty bearer credential"},
		{"scheme only", []string{"Bearer"}, "empty bearer credential"},
		{"huge", []string{"Bearer " + strings.Repeat("a", 20000)}, "bearer credential too long"},
		{"jwt without oidc", []string{"Bearer aaa.bbb.ccc"}, "jwts not accepted: oidc not configured"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.Authenticate(ctx, withAuth(tt.header...))
			checkFailure(t, err, tt.reason, token)
		})
	}
	noTokens := auth.NewAuthenticator(nil, nil)
	_, err := noTokens.Authenticate(ctx, withAuth("Bearer "+token))
	checkFailure(t, err, "api tokens not accepted", token)
}

func TestAPITokenWithoutRole(t *testing.T) {
	ctx := context.Background()
	tok, _ := auth.NewToken()
	a := auth.NewAuthenticator(lookupFunc(func(context.Context, []byte) (graph.APIToken, error) {
		return graph.APIToken{ID: "tok-x", User: "someone", Role: "retired_role", Created: authNow}, nil
	}), nil)
	_, err := a.Authenticate(ctx, withAuth("Bearer "+tok))
	checkFailure(t, err, "api token has no valid role", tok)
	if !errors.Is(err, auth.ErrNoRole) {
		t.Errorf("got %v, want ErrNoRole", err)
	}
}

type lookupFunc func(context.Context, []byte) (graph.APIToken, error)

func (f lookupFunc) TokenByHash(ctx context.Context, h []byte) (graph.APIToken, error) {
	return f(ctx, h)
}
