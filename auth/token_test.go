package auth_test

import (
	"bytes"
	"crypto/sha256"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/auth"
)

func TestNewToken(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		tok, hash := auth.NewToken()
		if !strings.HasPrefix(tok, "km_") || len(tok) != 46 {
			t.Fatalf("token shape: got prefix %q and length %d, want km_ and 46", tok[:3], len(tok))
		}
		if !auth.IsAPIToken(tok) {
			t.Fatalf("IsAPIToken(new token): got false, want true")
		}
		sum := sha256.Sum256([]byte(tok))
		if !bytes.Equal(hash, sum[:]) || !bytes.Equal(auth.HashToken(tok), hash) {
			t.Fatalf("hash: got %x, want the SHA-256 of the token", hash)
		}
		if bytes.Equal(auth.HashToken(tok+"x"), hash) {
			t.Fatalf("HashToken(another token): got the same hash")
		}
		if seen[tok] {
			t.Fatalf("NewToken repeated a token")
		}
		seen[tok] = true
	}
}

func TestIsAPIToken(t *testing.T) {
	good, _ := auth.NewToken()
	tests := []struct {
		s    string
		want bool
	}{
		{good, true},
		{"km_" + strings.Repeat("A", 43), true},
		{"km_" + strings.Repeat("A", 42), false},
		{"km_" + strings.Repeat("A", 44), false},
		{"kx_" + strings.Repeat("A", 43), false},
		{"km_" + strings.Repeat("A", 42) + "=", false},
		{"km_" + strings.Repeat("A", 42) + "+", false},
		{"km_" + strings.Repeat("A", 42) + ".", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := auth.IsAPIToken(tt.s); got != tt.want {
			t.Errorf("IsAPIToken(%q): got %v, want %v", tt.s, got, tt.want)
		}
	}
}
