package neo4jstore

import (
	"context"
	"encoding/hex"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// API tokens are (:ApiToken {id, hash, user, role, teams, created,
// expires, revoked}) nodes. hash is the hex SHA-256 of the token; the
// token itself is never stored, and no query returns the hash.
const (
	tokenCreate = "CREATE (t:ApiToken) SET t = $props"

	tokenFields = " RETURN t{.id, .user, .role, .teams, .created, .expires, .revoked, .created_by} AS t"

	tokenByHash = "MATCH (t:ApiToken {hash: $hash})" + tokenFields

	// tokenRevoke keeps the first revocation time: revoking twice is
	// harmless.
	tokenRevoke = "MATCH (t:ApiToken {id: $id}) SET t.revoked = coalesce(t.revoked, $at)" + tokenFields

	tokenAll = "MATCH (t:ApiToken)" + tokenFields + " ORDER BY t.created, t.id"
)

// TokenHashLen is the length of a token hash (SHA-256).
const TokenHashLen = 32

// CreateToken stores a new API token's description and the hash of the
// token. The token itself must never reach the store.
func (s *Store) CreateToken(ctx context.Context, t graph.APIToken, hash []byte) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if len(hash) != TokenHashLen {
		return graph.Invalid("hash", "must be a 32-byte SHA-256 hash")
	}
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		_, err := collect(ctx, tx, tokenCreate, map[string]any{"props": map[string]any(tokenProps(t, hash))})
		return nil, err
	})
	return err
}

// TokenByHash returns the token whose hash is hash (ErrNotFound when
// there is none). It returns revoked and expired tokens too: the caller
// decides, with APIToken.ActiveAt.
func (s *Store) TokenByHash(ctx context.Context, hash []byte) (graph.APIToken, error) {
	if len(hash) != TokenHashLen {
		return graph.APIToken{}, graph.NotFound("token", "no such token")
	}
	toks, err := s.tokens(ctx, tokenByHash, map[string]any{"hash": hex.EncodeToString(hash)}, false)
	if err != nil {
		return graph.APIToken{}, err
	}
	if len(toks) == 0 {
		return graph.APIToken{}, graph.NotFound("token", "no such token")
	}
	return toks[0], nil
}

// RevokeToken marks the token revoked from at on. Revoking a revoked
// token keeps the first time. Unknown ids give ErrNotFound.
func (s *Store) RevokeToken(ctx context.Context, id string, at time.Time) error {
	if at.IsZero() {
		return graph.Invalid("revoked", "is required")
	}
	toks, err := s.tokens(ctx, tokenRevoke, map[string]any{"id": id, "at": at.UTC()}, true)
	if err != nil {
		return err
	}
	if len(toks) == 0 {
		return graph.NotFound("id", "no token with this id")
	}
	return nil
}

// Tokens lists every token's description, oldest first.
func (s *Store) Tokens(ctx context.Context) ([]graph.APIToken, error) {
	return s.tokens(ctx, tokenAll, nil, false)
}

func (s *Store) tokens(ctx context.Context, query string, params map[string]any, write bool) ([]graph.APIToken, error) {
	run := s.read
	if write {
		run = s.write
	}
	out, err := run(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, query, params)
		if err != nil {
			return nil, err
		}
		toks := make([]graph.APIToken, 0, len(recs))
		for _, rec := range recs {
			v, _ := rec.Get("t")
			toks = append(toks, tokenFrom(asRow(v)))
		}
		if write && len(toks) == 0 {
			// Inside the transaction, so that a change that changed
			// nothing does not commit its audit event as allowed.
			return nil, graph.NotFound("id", "no token with this id")
		}
		return toks, nil
	})
	if err != nil {
		return nil, err
	}
	return out.([]graph.APIToken), nil
}

func tokenProps(t graph.APIToken, hash []byte) props {
	m := props{"id": t.ID, "hash": hex.EncodeToString(hash), "created": t.Created.UTC()}
	m.str("user", t.User)
	m.str("role", string(t.Role))
	m.str("created_by", t.CreatedBy)
	if len(t.Teams) > 0 {
		m["teams"] = t.Teams
	} else {
		m["teams"] = nil
	}
	if !t.Expires.IsZero() {
		m["expires"] = t.Expires.UTC()
	} else {
		m["expires"] = nil
	}
	return m
}

func tokenFrom(r row) graph.APIToken {
	var teams []string
	list, _ := r["teams"].([]any)
	for _, v := range list {
		if s, ok := v.(string); ok {
			teams = append(teams, s)
		}
	}
	return graph.APIToken{ID: r.str("id"), User: r.str("user"), Role: graph.Role(r.str("role")), Teams: teams,
		Created: rowTime(r, "created"), Expires: rowTime(r, "expires"), Revoked: rowTime(r, "revoked"),
		CreatedBy: r.str("created_by")}
}
