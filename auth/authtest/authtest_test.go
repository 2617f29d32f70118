package authtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/auth/authtest"
	"github.com/kinmap/kinmap/graph"
)

func TestIssuerServesDiscoveryAndKeys(t *testing.T) {
	iss := authtest.NewIssuer(t)
	resp, err := http.Get(iss.URL + "/.well-known/openid-configuration")
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	defer resp.Body.Close()
	var doc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil || doc.Issuer != iss.URL || doc.JWKSURI != iss.URL+"/jwks" {
		t.Errorf("discovery: got %+v, %v; want issuer %s", doc, err, iss.URL)
	}
	first := iss.KID()
	if second := iss.Rotate(); second == first || iss.KID() != second {
		t.Errorf("Rotate: got kid %q after %q, want a new current kid", second, first)
	}
}

func TestTokens(t *testing.T) {
	ctx := context.Background()
	s := authtest.NewTokens()
	tok := graph.APIToken{ID: "tok-1", User: "worker-a", Role: graph.RoleWorker, Created: time.Now()}
	token := s.Add(t, tok)
	got, err := s.TokenByHash(ctx, auth.HashToken(token))
	if err != nil || got.ID != "tok-1" {
		t.Errorf("TokenByHash: got %+v, %v; want tok-1", got, err)
	}
	if err := s.CreateToken(ctx, tok, []byte("other")); !errors.Is(err, graph.ErrConflict) {
		t.Errorf("same id twice: got %v, want ErrConflict", err)
	}
	if _, err := s.TokenByHash(ctx, auth.HashToken("km_other")); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("unknown: got %v, want ErrNotFound", err)
	}
	s.FailWith(graph.ErrUnavailable)
	if _, err := s.TokenByHash(ctx, auth.HashToken(token)); !errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("FailWith: got %v, want ErrUnavailable", err)
	}
}

func TestServeOutsideATest(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	iss := authtest.Serve(l)
	if iss.URL != "http://"+l.Addr().String() {
		t.Errorf("URL: got %s, want the listener's address", iss.URL)
	}
	v, err := auth.NewOIDCVerifier(context.Background(), iss.Config())
	if err != nil {
		t.Fatalf("verifier from discovery: %v", err)
	}
	p, err := v.Verify(context.Background(), iss.MintFor(graph.Principal{User: "manager-oidc", Role: graph.RoleManager}))
	if err != nil || p.User != "manager-oidc" || p.Role != graph.RoleManager {
		t.Errorf("Verify: got %+v, %v; want manager-oidc as manager", p, err)
	}
	iss.Close()
	if _, err := http.Get(iss.URL + "/jwks"); err == nil {
		t.Errorf("after Close the issuer still answers")
	}
}
