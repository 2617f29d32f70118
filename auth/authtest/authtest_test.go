package authtest_test

import (
	"context"
	"encoding/json"
	"errors"
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
