package auth

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/kinmap/kinmap/graph"
)

// TokenLookup finds an API token by the hash of the token; it returns an
// error wrapping graph.ErrNotFound for unknown hashes. The store
// (neo4jstore.Store) satisfies it.
type TokenLookup interface {
	TokenByHash(ctx context.Context, hash []byte) (graph.APIToken, error)
}

// maxCredentialLen bounds a bearer credential; real JWTs are a few KiB.
const maxCredentialLen = 16 << 10

// Authenticator turns a request's bearer credentials into a principal.
// A nil Tokens refuses API tokens; a nil OIDC refuses JWTs.
type Authenticator struct {
	Tokens TokenLookup
	OIDC   *OIDCVerifier
	Now    func() time.Time // nil: time.Now
}

// NewAuthenticator returns an Authenticator over tokens and oidc (either
// may be nil).
func NewAuthenticator(tokens TokenLookup, oidc *OIDCVerifier) *Authenticator {
	return &Authenticator{Tokens: tokens, OIDC: oidc}
}

// Authenticate reads "Authorization: Bearer X": X is a kinmap API token
// when it starts with "km_", a JWT otherwise. Any failure is an *Error
// wrapping ErrUnauthenticated, whose reason is safe to log.
func (a *Authenticator) Authenticate(ctx context.Context, r *http.Request) (graph.Principal, error) {
	cred, err := bearer(r)
	if err != nil {
		return graph.Principal{}, err
	}
	if strings.HasPrefix(cred, TokenPrefix) {
		return a.apiToken(ctx, cred)
	}
	if a.OIDC == nil {
		return graph.Principal{}, fail("jwts not accepted: oidc not configured")
	}
	return a.OIDC.Verify(ctx, cred)
}

// bearer returns the credential of the one Authorization header.
func bearer(r *http.Request) (string, error) {
	values := r.Header.Values("Authorization")
	switch {
	case len(values) == 0:
		return "", fail("no credentials")
	case len(values) > 1:
		return "", fail("several authorization headers")
	}
	scheme, cred, _ := strings.Cut(values[0], " ")
	cred = strings.TrimSpace(cred)
	switch {
	case !strings.EqualFold(scheme, "Bearer"):
		return "", fail("not a bearer credential")
	case cred == "":
		return "", fail("empty bearer credential")
	case len(cred) > maxCredentialLen:
		return "", fail("bearer credential too long")
	}
	return cred, nil
}

// compactJWS reports whether s has the shape of a compact JWS: three
// base64url parts (the signature may not be empty).
func compactJWS(s string) bool {
	parts := strings.Split(s, ".")
	return len(parts) == 3 && base64URL(parts[0]) && base64URL(parts[1]) && base64URL(parts[2])
}

func (a *Authenticator) apiToken(ctx context.Context, token string) (graph.Principal, error) {
	if a.Tokens == nil {
		return graph.Principal{}, fail("api tokens not accepted")
	}
	if !IsAPIToken(token) {
		return graph.Principal{}, fail("malformed api token")
	}
	t, err := a.Tokens.TokenByHash(ctx, HashToken(token))
	switch {
	case errors.Is(err, graph.ErrNotFound):
		return graph.Principal{}, fail("unknown api token")
	case errors.Is(err, graph.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return graph.Principal{}, failKind("token store unavailable", graph.ErrUnavailable)
	case err != nil:
		return graph.Principal{}, fail("api token lookup failed")
	}
	now := time.Now()
	if a.Now != nil {
		now = a.Now()
	}
	switch {
	case !t.ActiveAt(now):
		// ActiveAt decides; the reason (for the log) says which limit.
		reason := "api token expired"
		if !t.Revoked.IsZero() && !t.Revoked.After(now) {
			reason = "api token revoked"
		}
		return graph.Principal{}, fail(reason)
	case !t.Role.Valid():
		return graph.Principal{}, failKind("api token has no valid role", ErrNoRole)
	case !usableUser(t.User):
		return graph.Principal{}, fail("api token has no usable user")
	case graph.ReservedUser(t.User):
		return graph.Principal{}, fail("api token names a reserved user")
	}
	p := graph.Principal{User: t.User, Role: t.Role, Teams: slices.Clone(t.Teams), Method: graph.MethodToken,
		Credential: "token:" + t.ID}
	if t.CreatedBy != "" && t.CreatedBy != t.User {
		p.IssuedBy = t.CreatedBy
	}
	return p, nil
}
