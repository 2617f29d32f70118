package api_test

import "testing"

func TestSecurityHeaders(t *testing.T) {
	c := newClient(t)
	for _, path := range []string{"/healthz", "/api/v1/children", "/nope"} {
		res := c.do("GET", path, nil, "")
		for h, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "no-referrer",
			"Cache-Control":          "no-store",
		} {
			if got := res.Header.Get(h); got != want {
				t.Errorf("GET %s: %s: got %q, want %q", path, h, got, want)
			}
		}
		if csp := res.Header.Get("Content-Security-Policy"); csp == "" {
			t.Errorf("GET %s: no Content-Security-Policy", path)
		}
		if res.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("GET %s: CORS is on without configuration", path)
		}
	}
}
