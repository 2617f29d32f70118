package auth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"slices"
	"time"

	"github.com/kinmap/kinmap/graph"
)

// TokenCreator stores a new API token's description and hash; the store
// (neo4jstore.Store) satisfies it.
type TokenCreator interface {
	CreateToken(ctx context.Context, t graph.APIToken, hash []byte) error
}

// Issue makes a new API token for user with role and teams, valid for ttl
// from now (0: no expiry), stores its description and hash, and returns
// both the description and the token. The token is shown once and never
// stored; invalid input is a graph ErrInvalid error naming the field.
func Issue(ctx context.Context, store TokenCreator, user string, role graph.Role, teams []string, ttl time.Duration, now time.Time) (graph.APIToken, string, error) {
	return IssueBy(ctx, store, "", user, role, teams, ttl, now)
}

// IssueBy is Issue for a token made by by (an admin's user name, or
// "cli:OPERATOR"): the token records its maker, and the audit events of
// its use name them when they are not the token's user. A user name
// beginning "cli:" is refused (the command line's).
func IssueBy(ctx context.Context, store TokenCreator, by, user string, role graph.Role, teams []string, ttl time.Duration, now time.Time) (graph.APIToken, string, error) {
	t := graph.APIToken{ID: newTokenID(), User: user, Role: role, Teams: slices.Clone(teams), Created: now.UTC(), CreatedBy: by}
	if ttl < 0 {
		return graph.APIToken{}, "", graph.Invalid("expires", "must not be in the past")
	}
	if ttl > 0 {
		t.Expires = t.Created.Add(ttl)
	}
	if err := t.Validate(); err != nil {
		return graph.APIToken{}, "", err
	}
	token, hash := NewToken()
	// The change's audit event, written with the token, says which token
	// was made for whom (never the token itself).
	graph.ChangeAuditFrom(ctx).Amend(func(e *graph.AuditEvent) {
		e.Record, e.ForUser, e.ForRole, e.ForTeams = t.ID, t.User, t.Role, t.Teams
	})
	if err := store.CreateToken(ctx, t, hash); err != nil {
		return graph.APIToken{}, "", err
	}
	return t, token, nil
}

// newTokenID returns a random token id ("tok-" and 16 hex digits). It
// identifies the token for listing and revoking; it is not a secret.
func newTokenID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "tok-" + hex.EncodeToString(b)
}
