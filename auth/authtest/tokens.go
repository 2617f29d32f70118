package authtest

import (
	"context"
	"encoding/hex"
	"sync"
	"testing"
	"time"

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
)

// Tokens is an in-memory API token store: auth.TokenLookup and
// auth.TokenCreator for tests that need no database.
type Tokens struct {
	mu     sync.Mutex
	byHash map[string]graph.APIToken
	err    error
}

// NewTokens returns an empty store.
func NewTokens() *Tokens { return &Tokens{byHash: map[string]graph.APIToken{}} }

// Add makes a new token for tok (which must be valid) and returns it.
func (s *Tokens) Add(t testing.TB, tok graph.APIToken) string {
	t.Helper()
	token, hash := auth.NewToken()
	if err := s.CreateToken(context.Background(), tok, hash); err != nil {
		t.Fatalf("authtest: add token: %v", err)
	}
	return token
}

// CreateToken implements auth.TokenCreator.
func (s *Tokens) CreateToken(_ context.Context, tok graph.APIToken, hash []byte) error {
	if err := tok.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range s.byHash {
		if x.ID == tok.ID {
			return graph.Conflict("id", "a token with this id already exists")
		}
	}
	s.byHash[hex.EncodeToString(hash)] = tok
	return nil
}

// TokenByHash implements auth.TokenLookup.
func (s *Tokens) TokenByHash(_ context.Context, hash []byte) (graph.APIToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return graph.APIToken{}, s.err
	}
	tok, ok := s.byHash[hex.EncodeToString(hash)]
	if !ok {
		return graph.APIToken{}, graph.NotFound("token", "no such token")
	}
	return tok, nil
}

// Revoke marks token id revoked at at (the first time is kept).
func (s *Tokens) Revoke(id string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for h, x := range s.byHash {
		if x.ID == id && x.Revoked.IsZero() {
			x.Revoked = at
			s.byHash[h] = x
		}
	}
}

// FailWith makes every look-up fail with err (nil: work again).
func (s *Tokens) FailWith(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.err = err
}
