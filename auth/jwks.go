package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// signingAlgs are the only JWS algorithms accepted: asymmetric ones.
// "none" and HS256/384/512 are absent on purpose (an HMAC "signature"
// made with the provider's public key as the secret must never verify).
var signingAlgs = []jose.SignatureAlgorithm{
	jose.RS256, jose.RS384, jose.RS512,
	jose.PS256, jose.PS384, jose.PS512,
	jose.ES256, jose.ES384, jose.ES512,
	jose.EdDSA,
}

// maxJWKSSize bounds the key set document read from the provider.
const maxJWKSSize = 1 << 20

// errKeysUnavailable marks a key set that could not be fetched; go-oidc
// keeps only the text of KeySet errors, so classify matches the text.
const errKeysUnavailable = "jwks unavailable"

// keySet is an oidc.KeySet over the provider's JWKS. Unlike go-oidc's
// RemoteKeySet it fetches at most once per floor, however many unknown
// key ids or bad signatures arrive, and fetches again once the keys are
// older than maxAge (so keys the provider withdrew stop verifying).
// Signatures are verified by go-jose.
type keySet struct {
	url    string
	client *http.Client
	floor  time.Duration
	maxAge time.Duration
	now    func() time.Time

	fetchMu sync.Mutex // one fetch at a time

	mu      sync.Mutex // guards the fields below
	keys    []jose.JSONWebKey
	fetched time.Time // last successful fetch
	tried   time.Time // last attempt
}

func newKeySet(url string, client *http.Client, floor, maxAge time.Duration) *keySet {
	return &keySet{url: url, client: client, floor: floor, maxAge: maxAge, now: time.Now}
}

// VerifySignature implements oidc.KeySet: it returns the payload of a
// compact JWS signed by one of the provider's keys.
func (k *keySet) VerifySignature(ctx context.Context, raw string) ([]byte, error) {
	jws, err := jose.ParseSignedCompact(raw, signingAlgs)
	if err != nil {
		return nil, fmt.Errorf("malformed jwt: %w", err)
	}
	if len(jws.Signatures) != 1 {
		return nil, errors.New("want exactly one signature")
	}
	kid := jws.Signatures[0].Header.KeyID

	keys, fetched := k.cached()
	if len(keys) == 0 || k.now().Sub(fetched) > k.maxAge {
		if fresh, err := k.refresh(ctx); err == nil || len(fresh) > 0 {
			keys = fresh // on failure, the old keys still serve
		} else {
			return nil, err
		}
	}
	if payload, ok := verifyWith(jws, keys, kid); ok {
		return payload, nil
	}
	// An unknown key id or a signature no cached key verifies: the
	// provider may have rotated its keys.
	keys, err = k.refresh(ctx)
	if err != nil && len(keys) == 0 {
		return nil, err
	}
	if payload, ok := verifyWith(jws, keys, kid); ok {
		return payload, nil
	}
	if len(keys) == 0 {
		return nil, errors.New(errKeysUnavailable + ": no keys yet")
	}
	return nil, errors.New("no key of the provider verifies the signature")
}

func verifyWith(jws *jose.JSONWebSignature, keys []jose.JSONWebKey, kid string) ([]byte, bool) {
	for i := range keys {
		if kid != "" && keys[i].KeyID != kid {
			continue
		}
		if payload, err := jws.Verify(&keys[i]); err == nil {
			return payload, true
		}
	}
	return nil, false
}

func (k *keySet) cached() ([]jose.JSONWebKey, time.Time) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.keys, k.fetched
}

// refresh fetches the key set, unless an attempt was made less than floor
// ago; it returns the keys then current, and the error of a failed fetch.
func (k *keySet) refresh(ctx context.Context) ([]jose.JSONWebKey, error) {
	k.fetchMu.Lock()
	defer k.fetchMu.Unlock()
	k.mu.Lock()
	now := k.now()
	if !k.tried.IsZero() && now.Sub(k.tried) < k.floor {
		keys := k.keys
		k.mu.Unlock()
		return keys, nil
	}
	k.tried = now
	k.mu.Unlock()

	keys, err := k.download(ctx)

	k.mu.Lock()
	defer k.mu.Unlock()
	if err != nil {
		return k.keys, fmt.Errorf("%s: %w", errKeysUnavailable, err)
	}
	k.keys, k.fetched = keys, now
	return keys, nil
}

// download gets the JWKS and keeps the public signing keys. A cancelled
// request does not cancel the fetch other requests wait for; the client
// and DefaultHTTPTimeout bound it.
func (k *keySet) download(ctx context.Context) ([]jose.JSONWebKey, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), DefaultHTTPTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, k.url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := k.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxJWKSSize+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxJWKSSize {
		return nil, errors.New("key set too large")
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(body, &set); err != nil {
		return nil, fmt.Errorf("decode key set: %w", err)
	}
	var keys []jose.JSONWebKey
	for _, key := range set.Keys {
		if key.Valid() && key.IsPublic() && (key.Use == "" || key.Use == "sig") {
			keys = append(keys, key)
		}
	}
	if len(keys) == 0 {
		return nil, errors.New("no public signing keys in the key set")
	}
	return keys, nil
}
