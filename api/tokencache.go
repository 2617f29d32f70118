package api

import (
	"context"
	"encoding/hex"

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
)

// CacheTokens returns tokens with its look-ups cached by store version
// (versioncache.go): within a request served by this package, a token
// found at the request's store version is not looked up again until
// something is written. Creating or revoking a token is a write, so a
// revocation holds from the next request on; expiry and revocation times
// are still checked against the clock on every request (by the
// authenticator, on the cached description). Unknown tokens are not
// cached. Outside a request (no version) it looks up every time.
func CacheTokens(tokens auth.TokenLookup) auth.TokenLookup {
	if tokens == nil {
		return nil
	}
	return &tokenCache{inner: tokens, cache: newVersionCache[graph.APIToken](4096)}
}

type tokenCache struct {
	inner auth.TokenLookup
	cache *versionCache[graph.APIToken]
}

func (t *tokenCache) TokenByHash(ctx context.Context, hash []byte) (graph.APIToken, error) {
	ver, ok := requestVersion(ctx)
	key := hex.EncodeToString(hash)
	if ok {
		if tok, hit := t.cache.get(ver, key); hit {
			return tok, nil
		}
	}
	tok, err := t.inner.TokenByHash(ctx, hash)
	if err == nil && ok {
		t.cache.put(ver, key, tok)
	}
	return tok, err
}
