package authtest

import "time"

// mint is what Mint signs.
type mint struct {
	alg    string
	kid    string
	claims map[string]any
}

// Option changes a token Mint makes.
type Option func(*mint)

// WithKID sets the kid header ("" leaves it out); the current key still
// signs.
func WithKID(kid string) Option { return func(m *mint) { m.kid = kid } }

// WithAlg sets the algorithm: RS256 (default), RS384, RS512, PS256,
// PS384, PS512 sign with the current RSA key; HS256, HS384, HS512 use the
// public key PEM as the HMAC secret; "none" makes an unsigned token.
func WithAlg(alg string) Option { return func(m *mint) { m.alg = alg } }

// WithExpiry sets exp.
func WithExpiry(t time.Time) Option { return func(m *mint) { m.claims["exp"] = t.Unix() } }

// WithNotBefore sets nbf. The verifier allows 5 minutes of clock skew.
func WithNotBefore(t time.Time) Option { return func(m *mint) { m.claims["nbf"] = t.Unix() } }

// WithAudience sets aud (one value: a string; several: a list).
func WithAudience(aud ...string) Option {
	return func(m *mint) {
		if len(aud) == 1 {
			m.claims["aud"] = aud[0]
		} else {
			m.claims["aud"] = aud
		}
	}
}

// WithIssuer sets iss.
func WithIssuer(iss string) Option { return func(m *mint) { m.claims["iss"] = iss } }
