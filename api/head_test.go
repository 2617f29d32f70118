package api_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// TestHeadOnGetRoutes: HEAD answers as GET would, under the same rules and
// audit, without a body.
func TestHeadOnGetRoutes(t *testing.T) {
	c := demoClient(t)
	worker := c.as(matrixWorker)
	for _, tt := range []struct {
		path, token string
		want        int
	}{
		{"/healthz", "", http.StatusOK},
		{"/readyz", "", http.StatusOK},
		{"/api/v1/children/ard-kieran/flags", worker.token, http.StatusOK},
		{"/api/v1/children/ard-kieran/map.svg?audience=family", worker.token, http.StatusOK},
		{"/api/v1/children/bal-mason/flags", worker.token, http.StatusNotFound},
		{"/api/v1/children/ard-kieran/flags", "", http.StatusUnauthorized},
		{"/api/v1/people", worker.token, http.StatusMethodNotAllowed}, // POST only
	} {
		req := httptest.NewRequest("HEAD", tt.path, nil)
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		rec := httptest.NewRecorder()
		c.h.ServeHTTP(rec, req)
		if rec.Code != tt.want || rec.Body.Len() != 0 {
			t.Errorf("HEAD %s: got %d with %d bytes, want %d and no body", tt.path, rec.Code, rec.Body.Len(), tt.want)
		}
		if tt.want == http.StatusOK && rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("HEAD %s: Cache-Control %q", tt.path, rec.Header().Get("Cache-Control"))
		}
	}
	var trail struct{ Items []graph.AuditEvent }
	c.as(admin).do("GET", "/api/v1/audit?user=worker-a", nil, "").decode(t, &trail)
	var got []string
	for _, e := range trail.Items {
		got = append(got, e.Action+" "+e.Child+" "+e.Outcome)
	}
	want := []string{"read_flags ard-kieran allowed", "read_map ard-kieran allowed", "read_flags bal-mason denied"}
	if len(got) != len(want) {
		t.Fatalf("audit of the HEAD requests: got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("audit event %d: got %q, want %q", i, got[i], want[i])
		}
	}
}
