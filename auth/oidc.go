package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/kinmap/kinmap/graph"
)

// OIDCVerifier verifies JWTs from one OpenID Connect provider and maps
// their claims to a graph.Principal. It is safe for concurrent use; make
// one at start and keep it (it caches the provider's keys).
type OIDCVerifier struct {
	cfg      OIDCConfig
	keys     *keySet
	verifier *oidc.IDTokenVerifier
}

// NewOIDCVerifier checks cfg, fills in its defaults and, when cfg.JWKSURL
// is empty, finds the key set by OIDC discovery (one request to the
// issuer's /.well-known/openid-configuration, which must name the same
// issuer). Keys themselves are fetched on first use.
func NewOIDCVerifier(ctx context.Context, cfg OIDCConfig) (*OIDCVerifier, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("oidc config: %w", err)
	}
	if cfg.JWKSURL == "" {
		jwks, err := discoverJWKS(ctx, cfg)
		if err != nil {
			return nil, err
		}
		cfg.JWKSURL = jwks
	}
	ks := newKeySet(cfg.JWKSURL, cfg.HTTPClient, cfg.MinKeyRefresh, cfg.KeyMaxAge)
	algs := make([]string, len(signingAlgs))
	for i, a := range signingAlgs {
		algs[i] = string(a)
	}
	v := oidc.NewVerifier(cfg.Issuer, ks, &oidc.Config{ClientID: cfg.Audience, SupportedSigningAlgs: algs})
	return &OIDCVerifier{cfg: cfg, keys: ks, verifier: v}, nil
}

func discoverJWKS(ctx context.Context, cfg OIDCConfig) (string, error) {
	ctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, cfg.HTTPClient), DefaultHTTPTimeout)
	defer cancel()
	p, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return "", fmt.Errorf("oidc discovery: %w", err)
	}
	var doc struct {
		JWKSURL string `json:"jwks_uri"`
	}
	if err := p.Claims(&doc); err != nil {
		return "", fmt.Errorf("oidc discovery: %w", err)
	}
	if err := CheckProviderURL(doc.JWKSURL); err != nil {
		return "", fmt.Errorf("oidc discovery: jwks_uri: %w", err)
	}
	return doc.JWKSURL, nil
}

// Config returns the configuration in use, defaults filled in.
func (v *OIDCVerifier) Config() OIDCConfig { return v.cfg }

// Verify checks a raw JWT (signature, algorithm, issuer, audience, expiry,
// not-before) and returns its principal, with Method "oidc".
func (v *OIDCVerifier) Verify(ctx context.Context, raw string) (graph.Principal, error) {
	if !compactJWS(raw) {
		return graph.Principal{}, fail("malformed jwt or algorithm not allowed")
	}
	tok, err := v.verifier.Verify(ctx, raw)
	if err != nil {
		return graph.Principal{}, classify(err)
	}
	var claims map[string]any
	if err := tok.Claims(&claims); err != nil {
		return graph.Principal{}, fail("unreadable claims")
	}
	return v.principal(claims)
}

// classify turns a go-oidc error into a fixed reason. go-oidc's messages
// quote claim values, so they never leave this function.
func classify(err error) error {
	var expired *oidc.TokenExpiredError
	if errors.As(err, &expired) {
		return fail("jwt expired")
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, errKeysUnavailable):
		return fail("signing keys unavailable")
	case strings.Contains(msg, "malformed jwt"), strings.Contains(msg, "multiple signatures"), strings.Contains(msg, "not signed"):
		return fail("malformed jwt or algorithm not allowed")
	case strings.Contains(msg, "failed to verify signature"):
		return fail("jwt signature not verified")
	case strings.Contains(msg, "different provider"):
		return fail("jwt from another issuer")
	case strings.Contains(msg, "expected audience"):
		return fail("jwt for another audience")
	case strings.Contains(msg, "nbf"):
		return fail("jwt not yet valid")
	}
	return fail("jwt rejected")
}
