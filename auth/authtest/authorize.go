package authtest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"sync"

	"github.com/kinmap/kinmap/graph"
)

// The issuer's authorization-code flow (with PKCE S256 required): GET
// /authorize signs in the principal given to SignInAs without asking and
// redirects back with a one-use code; POST /token exchanges the code, with
// the client's secret and the PKCE verifier, for an access token minted
// by MintFor and an ID token for the client.

// DefaultClientID and DefaultClientSecret are the web client the
// issuer accepts.
const (
	DefaultClientID     = "kinmap-web-test"
	DefaultClientSecret = "kinmap-web-test-secret"
)

type codeGrant struct {
	p                             graph.Principal
	challenge, redirect, clientID string
}

type codeFlow struct {
	mu    sync.Mutex
	who   *graph.Principal
	codes map[string]codeGrant
	n     int
}

// SignInAs makes the next authorizations sign p in (nil: refuse them).
func (i *Issuer) SignInAs(p *graph.Principal) {
	i.flow.mu.Lock()
	defer i.flow.mu.Unlock()
	i.flow.who = p
}

func (i *Issuer) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	redirect, err := url.Parse(q.Get("redirect_uri"))
	if err != nil || redirect.Scheme == "" || q.Get("client_id") != DefaultClientID || q.Get("response_type") != "code" {
		http.Error(w, "bad authorization request", http.StatusBadRequest)
		return
	}
	back := redirect.Query()
	back.Set("state", q.Get("state"))
	i.flow.mu.Lock()
	who := i.flow.who
	switch {
	case q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256":
		back.Set("error", "invalid_request")
	case who == nil:
		back.Set("error", "access_denied")
	default:
		i.flow.n++
		code := "code-" + base64.RawURLEncoding.EncodeToString([]byte{byte(i.flow.n), byte(i.flow.n >> 8)}) + randomSuffix()
		if i.flow.codes == nil {
			i.flow.codes = map[string]codeGrant{}
		}
		i.flow.codes[code] = codeGrant{p: *who, challenge: q.Get("code_challenge"), redirect: q.Get("redirect_uri"), clientID: q.Get("client_id")}
		back.Set("code", code)
	}
	i.flow.mu.Unlock()
	redirect.RawQuery = back.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

func (i *Issuer) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if id != DefaultClientID || subtle.ConstantTimeCompare([]byte(secret), []byte(DefaultClientSecret)) != 1 {
		w.WriteHeader(http.StatusUnauthorized)
		writeJSON(w, map[string]string{"error": "invalid_client"})
		return
	}
	i.flow.mu.Lock()
	g, found := i.flow.codes[r.PostForm.Get("code")]
	delete(i.flow.codes, r.PostForm.Get("code")) // one use
	i.flow.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	if !found || r.PostForm.Get("grant_type") != "authorization_code" || g.redirect != r.PostForm.Get("redirect_uri") ||
		base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge {
		w.WriteHeader(http.StatusBadRequest)
		writeJSON(w, map[string]string{"error": "invalid_grant"})
		return
	}
	writeJSON(w, map[string]any{"access_token": i.MintFor(g.p), "token_type": "Bearer", "expires_in": 600,
		"id_token": i.Mint(map[string]any{"aud": g.clientID, "sub": g.p.User})})
}

func randomSuffix() string {
	b := make([]byte, 12)
	_, _ = randRead(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
