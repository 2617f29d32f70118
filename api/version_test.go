package api_test

import (
	"net/http"
	"runtime"
	"testing"
)

// TestHealthzSaysWhichBuild: /healthz names the running build (the
// OpenAPI check of c.do holds it to the Health schema).
func TestHealthzSaysWhichBuild(t *testing.T) {
	c := newClient(t).anonymous()
	res := c.do(http.MethodGet, "/healthz", nil, "")
	var got struct {
		Status  string `json:"status"`
		Version struct {
			Version string `json:"version"`
			Go      string `json:"go"`
		} `json:"version"`
	}
	res.decode(t, &got)
	if res.Status != http.StatusOK || got.Status != "ok" || got.Version.Go != runtime.Version() || got.Version.Version == "" {
		t.Errorf("healthz: got %d %s, want ok with this build (Go %s)", res.Status, res.Body, runtime.Version())
	}
}
