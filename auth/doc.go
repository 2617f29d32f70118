// Package auth authenticates callers of the kinmap API and turns them into
// a graph.Principal (user, role, teams). It decides who is calling, not
// what they may see: scope checks belong to the authoriser, which uses the
// store's caseload and scope look-ups.
//
// Two kinds of bearer credentials are accepted, both in an
// "Authorization: Bearer X" header:
//
//   - kinmap API tokens, "km_" followed by 32 random bytes in base64url.
//     Only the SHA-256 hash of a token is stored; a token is found by its
//     hash through the small TokenLookup interface (package neo4jstore
//     satisfies it), and refused once revoked or expired.
//   - JWTs from the authority's OpenID Connect identity provider, verified
//     by github.com/coreos/go-oidc/v3 (issuer, audience, expiry, not-before;
//     a 5 minute leeway on not-before is go-oidc's) with signatures checked
//     by github.com/go-jose/go-jose/v4 against the provider's JWKS. Only
//     asymmetric algorithms are accepted: "none" and the HMAC algorithms
//     are refused before any key is looked at. The key set is cached and
//     fetched again when a token names an unknown key id, at most once per
//     OIDCConfig.MinKeyRefresh, so a stream of forged tokens cannot turn
//     into a stream of requests to the identity provider.
//
// Every failure is an *Error wrapping ErrUnauthenticated (and ErrNoRole
// when the caller is known but has no kinmap role, graph.ErrUnavailable
// when the token store could not be reached). Its reason is a fixed phrase
// that is safe to log: it never contains the credential, claim values or
// names.
//
// Package auth/authtest has a local OIDC issuer and a token store for tests.
package auth
