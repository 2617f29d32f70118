package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// TokenPrefix starts every kinmap API token.
const TokenPrefix = "km_"

// tokenBytes is the number of random bytes in a token.
const tokenBytes = 32

// tokenLen is the length of a token: the prefix and 43 base64url characters.
var tokenLen = len(TokenPrefix) + base64.RawURLEncoding.EncodedLen(tokenBytes)

// NewToken makes a new API token from 32 random bytes, and its hash (the
// only thing to store). Show the token to its owner once; it cannot be
// recovered from the hash.
func NewToken() (token string, hash []byte) {
	b := make([]byte, tokenBytes)
	_, _ = rand.Read(b) // crypto/rand never fails; it crashes the program instead
	token = TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken returns the SHA-256 hash of a token, as stored. A token has
// 256 random bits, so an unsalted fast hash is enough.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// IsAPIToken reports whether s looks like a kinmap API token (prefix,
// length, alphabet). It says nothing about whether the token exists.
func IsAPIToken(s string) bool {
	if len(s) != tokenLen || !strings.HasPrefix(s, TokenPrefix) {
		return false
	}
	return base64URL(s[len(TokenPrefix):])
}

// base64URL reports whether s is non-empty and uses only the unpadded
// base64url alphabet.
func base64URL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return s != ""
}
