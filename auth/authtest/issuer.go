package authtest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
)

var randRead = rand.Read

// DefaultAudience is the audience of the tokens an Issuer mints and of
// the configuration it returns.
const DefaultAudience = "kinmap-test"

// Issuer is a local OpenID Connect provider for tests: discovery at
// URL/.well-known/openid-configuration and its key set at URL/jwks, over
// plain HTTP on 127.0.0.1 (which auth accepts for loopback addresses).
type Issuer struct {
	URL      string // the issuer identifier and base URL
	Audience string // DefaultAudience

	t       reporter
	srv     *httptest.Server
	fetches atomic.Int64

	mu      sync.Mutex
	keys    []issuerKey // published, oldest first
	current int         // index of the signing key

	flow codeFlow // authorize.go
}

type issuerKey struct {
	kid string
	key *rsa.PrivateKey
}

// reporter is what an Issuer needs of a test: testing.TB, or panics
// outside a test (Serve).
type reporter interface {
	Helper()
	Fatalf(format string, args ...any)
}

// NewIssuer starts an issuer with one RSA key; it stops when the test ends.
func NewIssuer(t testing.TB) *Issuer {
	t.Helper()
	i := &Issuer{Audience: DefaultAudience, t: t}
	i.srv = httptest.NewServer(i.handler())
	t.Cleanup(i.srv.Close)
	i.URL = i.srv.URL
	i.Rotate()
	return i
}

// Serve starts an issuer with one RSA key on l, outside a test (the
// browser tests' issuer, internal/testissuer): what would fail a test
// panics. Close stops it.
func Serve(l net.Listener) *Issuer {
	i := &Issuer{Audience: DefaultAudience, t: panics{}}
	i.srv = httptest.NewUnstartedServer(i.handler())
	_ = i.srv.Listener.Close()
	i.srv.Listener = l
	i.srv.Start()
	i.URL = i.srv.URL
	i.Rotate()
	return i
}

// Close stops an issuer started by Serve.
func (i *Issuer) Close() { i.srv.Close() }

func (i *Issuer) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", i.discovery)
	mux.HandleFunc("GET /jwks", i.jwks)
	mux.HandleFunc("GET /authorize", i.authorize)
	mux.HandleFunc("POST /token", i.token)
	return mux
}

type panics struct{}

func (panics) Helper()                           {}
func (panics) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

// Config returns an auth configuration that trusts this issuer (through
// discovery), with the default claims and role map ("kinmap.worker" ->
// worker, ...), and no floor between key set fetches.
func (i *Issuer) Config() auth.OIDCConfig {
	return auth.OIDCConfig{Issuer: i.URL, Audience: i.Audience, MinKeyRefresh: -1}
}

// Rotate makes a new signing key with a new kid and publishes it; the old
// keys stay published until Retire. It returns the new kid.
func (i *Issuer) Rotate() string {
	i.t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		i.t.Fatalf("authtest: generate key: %v", err)
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	kid := fmt.Sprintf("test-key-%d", len(i.keys)+1)
	i.keys = append(i.keys, issuerKey{kid: kid, key: key})
	i.current = len(i.keys) - 1
	return kid
}

// Retire stops publishing the key kid (tokens it signed stop verifying
// once the verifier fetches the key set again). Keep at least one key:
// Mint signs with the newest remaining one.
func (i *Issuer) Retire(kid string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	for n, k := range i.keys {
		if k.kid == kid {
			i.keys = append(i.keys[:n:n], i.keys[n+1:]...)
			i.current = len(i.keys) - 1
			return
		}
	}
}

// KID returns the kid of the current signing key.
func (i *Issuer) KID() string {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.keys[i.current].kid
}

// JWKSFetches returns how many times the key set was fetched.
func (i *Issuer) JWKSFetches() int { return int(i.fetches.Load()) }

// PublicKeyPEM returns the current public key in PEM (PKIX): what an
// attacker would use as the HMAC secret in an algorithm confusion attack.
func (i *Issuer) PublicKeyPEM() []byte {
	i.mu.Lock()
	defer i.mu.Unlock()
	der, err := x509.MarshalPKIXPublicKey(&i.keys[i.current].key.PublicKey)
	if err != nil {
		i.t.Fatalf("authtest: marshal public key: %v", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

func (i *Issuer) discovery(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, map[string]any{
		"issuer":                                i.URL,
		"jwks_uri":                              i.URL + "/jwks",
		"authorization_endpoint":                i.URL + "/authorize",
		"token_endpoint":                        i.URL + "/token",
		"response_types_supported":              []string{"code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
	})
}

func (i *Issuer) jwks(w http.ResponseWriter, _ *http.Request) {
	i.fetches.Add(1)
	i.mu.Lock()
	set := jose.JSONWebKeySet{}
	for _, k := range i.keys {
		set.Keys = append(set.Keys, jose.JSONWebKey{Key: &k.key.PublicKey, KeyID: k.kid, Algorithm: "RS256", Use: "sig"})
	}
	i.mu.Unlock()
	writeJSON(w, set)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// MintFor mints a valid token for a principal: user in preferred_username,
// the role as "kinmap.<role>" in roles, the teams in groups.
func (i *Issuer) MintFor(p graph.Principal, opts ...Option) string {
	claims := map[string]any{"preferred_username": p.User, "roles": []string{"kinmap." + string(p.Role)}}
	if len(p.Teams) > 0 {
		claims["groups"] = p.Teams
	}
	return i.Mint(claims, opts...)
}

// Mint signs a JWT. Its claims are the defaults (iss: the issuer, aud:
// Audience, sub: "test-user", iat: now, exp: in 10 minutes), then claims
// (a nil value removes a claim), then the options.
func (i *Issuer) Mint(claims map[string]any, opts ...Option) string {
	i.t.Helper()
	now := time.Now()
	m := mint{alg: "RS256", kid: i.KID(), claims: map[string]any{
		"iss": i.URL, "aud": i.Audience, "sub": "test-user", "iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(),
	}}
	for k, v := range claims {
		if v == nil {
			delete(m.claims, k)
		} else {
			m.claims[k] = v
		}
	}
	for _, o := range opts {
		o(&m)
	}
	payload, err := json.Marshal(m.claims)
	if err != nil {
		i.t.Fatalf("authtest: claims: %v", err)
	}
	return i.sign(m, payload)
}

func (i *Issuer) sign(m mint, payload []byte) string {
	i.t.Helper()
	if m.alg == "none" {
		// An unsigned JWT: header.payload. with an empty signature.
		header, _ := json.Marshal(map[string]string{"alg": "none", "typ": "JWT", "kid": m.kid})
		enc := base64.RawURLEncoding
		return enc.EncodeToString(header) + "." + enc.EncodeToString(payload) + "."
	}
	var key any
	switch m.alg {
	case "HS256", "HS384", "HS512":
		key = i.PublicKeyPEM() // the algorithm confusion attack
	default:
		i.mu.Lock()
		key = i.keys[i.current].key
		i.mu.Unlock()
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.SignatureAlgorithm(m.alg), Key: jose.JSONWebKey{Key: key, KeyID: m.kid}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		i.t.Fatalf("authtest: signer for %s: %v", m.alg, err)
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		i.t.Fatalf("authtest: sign: %v", err)
	}
	tok, err := jws.CompactSerialize()
	if err != nil {
		i.t.Fatalf("authtest: serialize: %v", err)
	}
	return tok
}
