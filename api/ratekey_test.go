package api

import (
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

func TestRateKeyIsOneBucketPerToken(t *testing.T) {
	key := func(auth string) string {
		req := httptest.NewRequest("GET", "/api/v1/children", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		return rateKey(echo.New().NewContext(req, httptest.NewRecorder()))
	}
	want := key("Bearer km_abc")
	for _, auth := range []string{"bearer km_abc", "BEARER km_abc", "Bearer   km_abc", "Bearer km_abc  ", " Bearer km_abc"} {
		if got := key(auth); got != want {
			t.Errorf("rateKey(%q): got %s, want the bucket of %q (%s)", auth, got, "Bearer km_abc", want)
		}
	}
	if got := key("Bearer km_abd"); got == want {
		t.Errorf("two tokens share the bucket %s", got)
	}
	if got := key(""); got == want {
		t.Errorf("no token shares the bucket of a token: %s", got)
	}
}
