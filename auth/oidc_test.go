package auth_test

import (
	"context"
	"encoding/base64"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/auth/authtest"
	"github.com/kinmap/kinmap/graph"
)

// oidcSetup returns an issuer and an Authenticator trusting it (found by
// discovery), with no floor between key fetches unless cfg changes it.
func oidcSetup(t *testing.T, edit func(*auth.OIDCConfig)) (*authtest.Issuer, *auth.Authenticator, *auth.OIDCVerifier) {
	t.Helper()
	iss := authtest.NewIssuer(t)
	cfg := iss.Config()
	if edit != nil {
		edit(&cfg)
	}
	v, err := auth.NewOIDCVerifier(context.Background(), cfg)
	if err != nil {
		t.Fatalf("NewOIDCVerifier: %v", err)
	}
	return iss, auth.NewAuthenticator(nil, v), v
}

var workerClaims = map[string]any{"preferred_username": "worker-a", "roles": []string{"kinmap.worker"}, "groups": []string{"team-north"}}

func TestJWTVerification(t *testing.T) {
	ctx := context.Background()
	iss, a, _ := oidcSetup(t, nil)
	now := time.Now()
	valid := iss.Mint(workerClaims)
	tamperedSig := valid[:len(valid)-4] + flip(valid[len(valid)-4:])
	parts := strings.Split(valid, ".")
	forgedClaims := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"iss":"`+iss.URL+`","aud":"kinmap-test","exp":9999999999,"preferred_username":"admin-z","roles":["kinmap.admin"]}`)) + "." + parts[2]

	tests := []struct {
		name   string
		token  string
		reason string // "" for valid
	}{
		{"valid", valid, ""},
		{"valid, audience among several", iss.Mint(workerClaims, authtest.WithAudience("other-api", authtest.DefaultAudience)), ""},
		{"valid, nbf past", iss.Mint(workerClaims, authtest.WithNotBefore(now.Add(-time.Minute))), ""},
		{"valid, nbf within clock skew", iss.Mint(workerClaims, authtest.WithNotBefore(now.Add(2*time.Minute))), ""},
		{"valid, RS384", iss.Mint(workerClaims, authtest.WithAlg("RS384")), ""},
		{"valid, PS256", iss.Mint(workerClaims, authtest.WithAlg("PS256")), ""},
		{"valid, no kid", iss.Mint(workerClaims, authtest.WithKID("")), ""},
		{"expired", iss.Mint(workerClaims, authtest.WithExpiry(now.Add(-time.Minute))), "jwt expired"},
		{"no exp", iss.Mint(map[string]any{"preferred_username": "worker-a", "roles": []string{"kinmap.worker"}, "exp": nil}), "jwt expired"},
		{"not yet valid", iss.Mint(workerClaims, authtest.WithNotBefore(now.Add(time.Hour))), "jwt not yet valid"},
		{"wrong audience", iss.Mint(workerClaims, authtest.WithAudience("another-api")), "jwt for another audience"},
		{"wrong issuer", iss.Mint(workerClaims, authtest.WithIssuer("https://idp.example.invalid")), "jwt from another issuer"},
		{"unknown kid", iss.Mint(workerClaims, authtest.WithKID("no-such-key")), "jwt signature not verified"},
		{"tampered signature", tamperedSig, "jwt signature not verified"},
		{"forged claims", forgedClaims, "jwt signature not verified"},
		{"alg none", iss.Mint(workerClaims, authtest.WithAlg("none")), "malformed jwt or algorithm not allowed"},
		{"alg none with junk signature", iss.Mint(workerClaims, authtest.WithAlg("none")) + "c2ln", "malformed jwt or algorithm not allowed"},
		{"HS256 with the public key as secret", iss.Mint(workerClaims, authtest.WithAlg("HS256")), "malformed jwt or algorithm not allowed"},
		{"HS512 with the public key as secret", iss.Mint(workerClaims, authtest.WithAlg("HS512")), "malformed jwt or algorithm not allowed"},
		{"not a jwt", "eyJhbGciOi.only-two-parts", "malformed jwt or algorithm not allowed"},
		{"json serialization", `{"payload":"e30","signatures":[]}`, "malformed jwt or algorithm not allowed"},
		{"too many dots", strings.Repeat(".", 5000), "malformed jwt or algorithm not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := a.Authenticate(ctx, withAuth("Bearer "+tt.token))
			if tt.reason == "" {
				want := graph.Principal{User: "worker-a", Role: graph.RoleWorker, Teams: []string{"team-north"}, Method: graph.MethodOIDC,
					Credential: "oidc:test-user"}
				if err != nil || !reflect.DeepEqual(got, want) {
					t.Fatalf("got %+v, %v; want %+v", got, err, want)
				}
				return
			}
			checkFailure(t, err, tt.reason, tt.token, "worker-a", "another-api", "idp.example.invalid", "no-such-key")
			if !reflect.DeepEqual(got, graph.Principal{}) {
				t.Errorf("principal on failure: got %+v, want zero", got)
			}
		})
	}
}

// flip changes the first character of s to another base64url character.
func flip(s string) string {
	if s[0] == 'A' {
		return "B" + s[1:]
	}
	return "A" + s[1:]
}

func TestKeyRotation(t *testing.T) {
	ctx := context.Background()
	iss, a, _ := oidcSetup(t, nil)
	if _, err := a.Authenticate(ctx, withAuth("Bearer "+iss.Mint(workerClaims))); err != nil {
		t.Fatalf("first key: %v", err)
	}
	if got := iss.JWKSFetches(); got != 1 {
		t.Errorf("fetches after first token: got %d, want 1", got)
	}
	if _, err := a.Authenticate(ctx, withAuth("Bearer "+iss.Mint(workerClaims))); err != nil || iss.JWKSFetches() != 1 {
		t.Errorf("cached key: got %v and %d fetches, want nil and 1", err, iss.JWKSFetches())
	}
	old := iss.KID()
	oldToken := iss.Mint(workerClaims)
	iss.Rotate()
	if _, err := a.Authenticate(ctx, withAuth("Bearer "+iss.Mint(workerClaims))); err != nil {
		t.Fatalf("after rotation: got %v, want the new key fetched", err)
	}
	if got := iss.JWKSFetches(); got != 2 {
		t.Errorf("fetches after rotation: got %d, want 2", got)
	}
	if _, err := a.Authenticate(ctx, withAuth("Bearer "+oldToken)); err != nil {
		t.Errorf("old key still published: got %v, want nil", err)
	}
	_, err := a.Authenticate(ctx, withAuth("Bearer "+iss.Mint(workerClaims, authtest.WithKID("ghost"))))
	checkFailure(t, err, "jwt signature not verified")
	if got := iss.JWKSFetches(); got != 3 {
		t.Errorf("fetches after an unknown kid: got %d, want 3", got)
	}
	iss.Retire(old)
	if _, err := a.Authenticate(ctx, withAuth("Bearer "+iss.Mint(workerClaims, authtest.WithKID("ghost")))); err == nil {
		t.Fatal("unknown kid after retiring: got nil, want an error")
	}
	_, err = a.Authenticate(ctx, withAuth("Bearer "+oldToken))
	checkFailure(t, err, "jwt signature not verified")
}

// TestKeyRefreshFloor: forged tokens with ever new key ids cause at most
// one key set fetch per MinKeyRefresh; after it, rotation works again;
// keys older than KeyMaxAge are fetched again, so withdrawn keys stop
// verifying.
func TestKeyRefreshFloor(t *testing.T) {
	ctx := context.Background()
	iss, a, v := oidcSetup(t, func(c *auth.OIDCConfig) { c.MinKeyRefresh, c.KeyMaxAge = time.Minute, time.Hour })
	var mu sync.Mutex
	clock := time.Now()
	auth.SetKeyClock(v, func() time.Time { mu.Lock(); defer mu.Unlock(); return clock })
	advance := func(d time.Duration) { mu.Lock(); clock = clock.Add(d); mu.Unlock() }

	oldToken := iss.Mint(workerClaims)
	if _, err := a.Authenticate(ctx, withAuth("Bearer "+oldToken)); err != nil {
		t.Fatalf("first token: %v", err)
	}
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok := iss.Mint(workerClaims, authtest.WithKID("forged-"+string(rune('a'+i%26))))
			if _, err := a.Authenticate(ctx, withAuth("Bearer "+tok)); err == nil {
				t.Error("forged kid: got nil, want an error")
			}
		}()
	}
	wg.Wait()
	if got := iss.JWKSFetches(); got != 1 {
		t.Errorf("fetches after 50 forged kids within the floor: got %d, want 1", got)
	}

	old := iss.KID()
	iss.Rotate()
	newToken := iss.Mint(workerClaims)
	_, err := a.Authenticate(ctx, withAuth("Bearer "+newToken))
	checkFailure(t, err, "jwt signature not verified")
	advance(time.Minute)
	if _, err := a.Authenticate(ctx, withAuth("Bearer "+newToken)); err != nil {
		t.Errorf("new key after the floor: got %v, want nil", err)
	}
	if got := iss.JWKSFetches(); got != 2 {
		t.Errorf("fetches: got %d, want 2", got)
	}

	iss.Retire(old)
	if _, err := a.Authenticate(ctx, withAuth("Bearer "+oldToken)); err != nil {
		t.Errorf("retired key still cached: got %v, want nil", err)
	}
	advance(time.Hour + time.Second)
	_, err = a.Authenticate(ctx, withAuth("Bearer "+oldToken))
	checkFailure(t, err, "jwt signature not verified")
}

func TestClaimsMapping(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		edit   func(*auth.OIDCConfig)
		claims map[string]any
		want   graph.Principal
		reason string
	}{
		{name: "user, role, teams",
			claims: map[string]any{"preferred_username": "mgr-m", "roles": []string{"kinmap.manager"}, "groups": []string{"team-south", "team-north"}},
			want:   graph.Principal{User: "mgr-m", Role: graph.RoleManager, Teams: []string{"team-north", "team-south"}, Method: graph.MethodOIDC}},
		{name: "role as a string",
			claims: map[string]any{"preferred_username": "eval-e", "roles": "kinmap.evaluator"},
			want:   graph.Principal{User: "eval-e", Role: graph.RoleEvaluator, Method: graph.MethodOIDC}},
		{name: "several roles: the most powerful",
			claims: map[string]any{"preferred_username": "u1", "roles": []string{"kinmap.worker", "kinmap.admin", "kinmap.evaluator"}},
			want:   graph.Principal{User: "u1", Role: graph.RoleAdmin, Method: graph.MethodOIDC}},
		{name: "unmapped values ignored",
			claims: map[string]any{"preferred_username": "u2", "roles": []any{"offline_access", 42, "kinmap.reviewing_officer"}},
			want:   graph.Principal{User: "u2", Role: graph.RoleReviewingOfficer, Method: graph.MethodOIDC}},
		{name: "user falls back to sub",
			claims: map[string]any{"sub": "3f2a-synthetic-subject", "roles": []string{"kinmap.worker"}},
			want:   graph.Principal{User: "3f2a-synthetic-subject", Role: graph.RoleWorker, Method: graph.MethodOIDC}},
		{name: "teams: role values, paths and bad ids",
			claims: map[string]any{"preferred_username": "u3", "roles": []string{"kinmap.worker"},
				"groups": []string{"kinmap.worker", "/team-west", "team west", "team-west", "team-east"}},
			want: graph.Principal{User: "u3", Role: graph.RoleWorker, Teams: []string{"team-east", "team-west"}, Method: graph.MethodOIDC}},
		{name: "roles and teams in one claim",
			edit:   func(c *auth.OIDCConfig) { c.RoleClaim = "groups" },
			claims: map[string]any{"preferred_username": "u4", "groups": []string{"kinmap.manager", "team-north"}},
			want:   graph.Principal{User: "u4", Role: graph.RoleManager, Teams: []string{"team-north"}, Method: graph.MethodOIDC}},
		{name: "custom claims, nested roles, custom map",
			edit: func(c *auth.OIDCConfig) {
				c.UserClaim, c.RoleClaim, c.TeamsClaim = "upn", "realm_access.roles", "teams"
				c.RoleMap = map[string]graph.Role{"SW": graph.RoleWorker}
			},
			claims: map[string]any{"upn": "worker-q", "realm_access": map[string]any{"roles": []string{"SW"}}, "teams": []string{"team-q"},
				"roles": []string{"kinmap.admin"}},
			want: graph.Principal{User: "worker-q", Role: graph.RoleWorker, Teams: []string{"team-q"}, Method: graph.MethodOIDC}},
		{name: "no role",
			claims: map[string]any{"preferred_username": "u5", "roles": []string{"offline_access"}},
			reason: "no kinmap role in jwt"},
		{name: "no role claim",
			claims: map[string]any{"preferred_username": "u6"},
			reason: "no kinmap role in jwt"},
		{name: "no user",
			claims: map[string]any{"sub": nil, "roles": []string{"kinmap.worker"}},
			reason: "no usable user claim"},
		{name: "control character in user",
			claims: map[string]any{"preferred_username": "u7\nforged", "sub": nil, "roles": []string{"kinmap.worker"}},
			reason: "no usable user claim"},
		{name: "user reserved for the command line",
			claims: map[string]any{"preferred_username": "cli:root", "roles": []string{"kinmap.admin"}},
			reason: "user claim names a reserved user (cli:)"},
		{name: "reserved in any case",
			claims: map[string]any{"preferred_username": "CLI:root", "roles": []string{"kinmap.admin"}},
			reason: "user claim names a reserved user (cli:)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			iss, a, _ := oidcSetup(t, tt.edit)
			got, err := a.Authenticate(ctx, withAuth("Bearer "+iss.Mint(tt.claims)))
			if tt.reason != "" {
				checkFailure(t, err, tt.reason)
				if tt.reason == "no kinmap role in jwt" && !errors.Is(err, auth.ErrNoRole) {
					t.Errorf("got %v, want ErrNoRole", err)
				}
				return
			}
			// The credential is the subject, for the audit trail.
			tt.want.Credential = "oidc:test-user"
			if sub, ok := tt.claims["sub"].(string); ok {
				tt.want.Credential = "oidc:" + sub
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestMintFor(t *testing.T) {
	iss, a, _ := oidcSetup(t, nil)
	want := graph.Principal{User: "rev-r", Role: graph.RoleReviewingOfficer, Teams: []string{"team-north"}, Method: graph.MethodOIDC}
	got, err := a.Authenticate(context.Background(), withAuth("Bearer "+iss.MintFor(want)))
	want.Credential = "oidc:test-user"
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, %v; want %+v", got, err, want)
	}
}

func TestNewOIDCVerifier(t *testing.T) {
	ctx := context.Background()
	iss := authtest.NewIssuer(t)

	cfg := iss.Config()
	cfg.JWKSURL = iss.URL + "/jwks" // no discovery
	v, err := auth.NewOIDCVerifier(ctx, cfg)
	if err != nil {
		t.Fatalf("with a JWKS URL: %v", err)
	}
	if _, err := v.Verify(ctx, iss.Mint(workerClaims)); err != nil {
		t.Errorf("Verify: %v", err)
	}
	if c := v.Config(); c.RoleClaim != "roles" || c.UserClaim != "preferred_username" || c.TeamsClaim != "groups" ||
		c.RoleMap["kinmap.worker"] != graph.RoleWorker || c.HTTPClient == nil {
		t.Errorf("defaults: got %+v", c)
	}

	bad := []struct {
		name string
		edit func(*auth.OIDCConfig)
	}{
		{"discovery names another issuer", func(c *auth.OIDCConfig) { c.Issuer = iss.URL + "/" }},
		{"no discovery document", func(c *auth.OIDCConfig) { c.Issuer = iss.URL + "/realms/none" }},
		{"http on a public host", func(c *auth.OIDCConfig) { c.Issuer = "http://idp.example.org" }},
		{"http jwks on a public host", func(c *auth.OIDCConfig) { c.JWKSURL = "http://idp.example.org/jwks" }},
		{"no audience", func(c *auth.OIDCConfig) { c.Audience = "" }},
		{"bad role map", func(c *auth.OIDCConfig) { c.RoleMap = map[string]graph.Role{"x": "boss"} }},
	}
	for _, tt := range bad {
		cfg := iss.Config()
		tt.edit(&cfg)
		if _, err := auth.NewOIDCVerifier(ctx, cfg); err == nil {
			t.Errorf("%s: got nil, want an error", tt.name)
		}
	}
}

func TestSigningKeysUnavailable(t *testing.T) {
	iss := authtest.NewIssuer(t)
	cfg := iss.Config()
	cfg.JWKSURL = iss.URL + "/no-such-jwks"
	v, err := auth.NewOIDCVerifier(context.Background(), cfg)
	if err != nil {
		t.Fatalf("NewOIDCVerifier: %v", err)
	}
	_, err = v.Verify(context.Background(), iss.Mint(workerClaims))
	checkFailure(t, err, "signing keys unavailable")
}
