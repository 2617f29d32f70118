package neo4jstore_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// cypherValue runs a read query straight on the driver and returns the
// value v of its first record (nil when there is none).
func cypherValue(t *testing.T, cypher string) any {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := neo4j.ExecuteQuery(ctx, neo4jtest.Driver(), cypher, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	if len(res.Records) == 0 {
		return nil
	}
	v, _ := res.Records[0].Get("v")
	return v
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

var tokT0 = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

func TestTokenLifecycle(t *testing.T) {
	s, ctx := fresh(t)
	worker := graph.APIToken{ID: "tok-w", User: "worker-a", Role: graph.RoleWorker, Teams: []string{"team-north", "team-south"}, Created: tokT0}
	admin := graph.APIToken{ID: "tok-a", User: "admin-z", Role: graph.RoleAdmin, Created: tokT0.Add(time.Hour), Expires: tokT0.Add(48 * time.Hour)}
	const secretW, secretA = "km_synthetic-worker-token", "km_synthetic-admin-token"

	if err := s.CreateToken(ctx, worker, tokenHash(secretW)); err != nil {
		t.Fatalf("CreateToken worker: %v", err)
	}
	if err := s.CreateToken(ctx, admin, tokenHash(secretA)); err != nil {
		t.Fatalf("CreateToken admin: %v", err)
	}

	got, err := s.TokenByHash(ctx, tokenHash(secretW))
	if err != nil || !reflect.DeepEqual(got, worker) {
		t.Errorf("TokenByHash worker: got %+v, %v; want %+v", got, err, worker)
	}
	got, err = s.TokenByHash(ctx, tokenHash(secretA))
	if err != nil || !reflect.DeepEqual(got, admin) {
		t.Errorf("TokenByHash admin: got %+v, %v; want %+v", got, err, admin)
	}
	if _, err := s.TokenByHash(ctx, tokenHash("km_unknown")); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("TokenByHash unknown: got %v, want ErrNotFound", err)
	}
	if _, err := s.TokenByHash(ctx, []byte("short")); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("TokenByHash short hash: got %v, want ErrNotFound", err)
	}

	list, err := s.Tokens(ctx)
	if err != nil || !reflect.DeepEqual(list, []graph.APIToken{worker, admin}) {
		t.Errorf("Tokens: got %+v, %v; want [worker admin]", list, err)
	}

	revokedAt := tokT0.Add(2 * time.Hour)
	if err := s.RevokeToken(ctx, worker.ID, revokedAt); err != nil {
		t.Fatalf("RevokeToken: %v", err)
	}
	if err := s.RevokeToken(ctx, worker.ID, revokedAt.Add(time.Hour)); err != nil {
		t.Errorf("RevokeToken again: got %v, want nil", err)
	}
	got, err = s.TokenByHash(ctx, tokenHash(secretW))
	if err != nil || !got.Revoked.Equal(revokedAt) {
		t.Errorf("after revoke: got revoked %v, %v; want %v (the first revocation)", got.Revoked, err, revokedAt)
	}
	if got.ActiveAt(revokedAt) || !got.ActiveAt(revokedAt.Add(-time.Second)) {
		t.Errorf("ActiveAt around revocation: got %v then %v, want true then false",
			got.ActiveAt(revokedAt.Add(-time.Second)), got.ActiveAt(revokedAt))
	}
	if err := s.RevokeToken(ctx, "tok-nobody", revokedAt); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("RevokeToken unknown: got %v, want ErrNotFound", err)
	}
	if err := s.RevokeToken(ctx, admin.ID, time.Time{}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("RevokeToken zero time: got %v, want ErrInvalid", err)
	}
}

func TestCreateTokenRejects(t *testing.T) {
	s, ctx := fresh(t)
	ok := graph.APIToken{ID: "tok-1", User: "worker-a", Role: graph.RoleWorker, Created: tokT0}
	if err := s.CreateToken(ctx, ok, tokenHash("km_one")); err != nil {
		t.Fatalf("CreateToken: %v", err)
	}
	tests := []struct {
		name string
		tok  graph.APIToken
		hash []byte
		want error
	}{
		{"duplicate id", ok, tokenHash("km_two"), graph.ErrConflict},
		{"duplicate hash", graph.APIToken{ID: "tok-2", User: "u", Role: graph.RoleWorker, Created: tokT0}, tokenHash("km_one"), graph.ErrConflict},
		{"bad role", graph.APIToken{ID: "tok-3", User: "u", Role: "root", Created: tokT0}, tokenHash("km_three"), graph.ErrInvalid},
		{"no hash", graph.APIToken{ID: "tok-4", User: "u", Role: graph.RoleWorker, Created: tokT0}, nil, graph.ErrInvalid},
	}
	for _, tt := range tests {
		if err := s.CreateToken(ctx, tt.tok, tt.hash); !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
	}
	if list, _ := s.Tokens(ctx); len(list) != 1 {
		t.Errorf("Tokens after rejected creates: got %d, want 1", len(list))
	}
}

// TestTokenStoresOnlyTheHash looks at the raw node: the hash is there as
// hex, the token is nowhere.
func TestTokenStoresOnlyTheHash(t *testing.T) {
	s, ctx := fresh(t)
	const secret = "km_synthetic-only-the-hash"
	tok := graph.APIToken{ID: "tok-h", User: "worker-a", Role: graph.RoleWorker, Created: tokT0}
	if err := s.CreateToken(ctx, tok, tokenHash(secret)); err != nil {
		t.Fatalf("CreateToken: %v", err)
	}
	props, _ := cypherValue(t, "MATCH (t:ApiToken) RETURN properties(t) AS v").(map[string]any)
	for k, v := range props {
		if v == secret {
			t.Errorf("property %s holds the token itself", k)
		}
	}
	if h, _ := props["hash"].(string); len(h) != 64 {
		t.Errorf("hash: got %q, want 64 hex digits", h)
	}
	if typ := cypherValue(t, "MATCH (t:ApiToken) RETURN valueType(t.created) AS v"); typ != "ZONED DATETIME NOT NULL" {
		t.Errorf("valueType(created): got %v, want ZONED DATETIME NOT NULL", typ)
	}
}

// The store is what the authenticator looks tokens up in.
var (
	_ auth.TokenLookup  = (*neo4jstore.Store)(nil)
	_ auth.TokenCreator = (*neo4jstore.Store)(nil)
)

// TestTokenStoreWithAuthenticator runs a token's life through the real
// store: issued, used, revoked, refused.
func TestTokenStoreWithAuthenticator(t *testing.T) {
	s, ctx := fresh(t)
	a := auth.NewAuthenticator(s, nil)
	tok, token, err := auth.IssueBy(ctx, s, "admin-t", "worker-a", graph.RoleWorker, []string{"team-north"}, 24*time.Hour, time.Now())
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	req := httptest.NewRequest("GET", "/api/v1/children", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	p, err := a.Authenticate(ctx, req)
	// A token made by someone else says who made it.
	want := graph.Principal{User: "worker-a", Role: graph.RoleWorker, Teams: []string{"team-north"}, Method: graph.MethodToken,
		Credential: "token:" + tok.ID, IssuedBy: "admin-t"}
	if err != nil || !reflect.DeepEqual(p, want) {
		t.Fatalf("Authenticate: got %+v, %v; want %+v", p, err, want)
	}
	if err := s.RevokeToken(ctx, tok.ID, time.Now()); err != nil {
		t.Fatalf("RevokeToken: %v", err)
	}
	if _, err := a.Authenticate(ctx, req); !errors.Is(err, auth.ErrUnauthenticated) || !strings.Contains(err.Error(), "revoked") {
		t.Errorf("after revoke: got %v, want ErrUnauthenticated (revoked)", err)
	}
	other, _ := auth.NewToken()
	req.Header.Set("Authorization", "Bearer "+other)
	if _, err := a.Authenticate(ctx, req); !errors.Is(err, auth.ErrUnauthenticated) || !strings.Contains(err.Error(), "unknown") {
		t.Errorf("unknown token: got %v, want ErrUnauthenticated (unknown)", err)
	}
}
