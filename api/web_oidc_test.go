package api_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/auth/authtest"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/neo4jtest"
	"golang.org/x/oauth2"
)

// TestWebOIDCSignInWithPKCE runs the authorization-code flow against the
// local issuer: the person comes back signed in with the role, user and
// teams of the issuer's claims, read as the API reads them.
func TestWebOIDCSignInWithPKCE(t *testing.T) {
	neo4jtest.Reset(t)
	store := testStore(t)
	cfg, iss := testConfig(t, store)
	v, err := auth.NewOIDCVerifier(context.Background(), iss.Config())
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(hs.Close)
	cfg.Web.Sessions = store.Sessions()
	cfg.Web.OIDC = &api.WebOIDC{Verify: v.Verify, OAuth2: &oauth2.Config{ClientID: authtest.DefaultClientID,
		ClientSecret: authtest.DefaultClientSecret, RedirectURL: hs.URL + "/auth/callback",
		Endpoint: oauth2.Endpoint{AuthURL: iss.URL + "/authorize", TokenURL: iss.URL + "/token"}, Scopes: []string{"openid"}}}
	h = api.New(cfg, store, nil).Handler()

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: time.Minute}
	iss.SignInAs(&graph.Principal{User: "manager-oidc", Role: graph.RoleManager, Teams: []string{"team-north"}})
	signin, err := c.Get(hs.URL + "/signin")
	if err != nil {
		t.Fatal(err)
	}
	signin.Body.Close()
	res, err := c.Get(hs.URL + "/auth/login")
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, res)
	if res.StatusCode != http.StatusOK || !strings.HasSuffix(res.Request.URL.Path, "/caseload") {
		t.Fatalf("after the flow: got %d at %s, want the caseload\n%.600s", res.StatusCode, res.Request.URL, body)
	}
	if !strings.Contains(body, "<strong>manager-oidc</strong> (team manager)") {
		t.Errorf("the page does not show manager-oidc signed in as a team manager")
	}
	if !strings.Contains(body, "/reports") {
		t.Errorf("a manager's menu lacks the report")
	}

	// A forged callback (no flow under way, wrong state) signs nobody in.
	jar2, _ := cookiejar.New(nil)
	c2 := &http.Client{Jar: jar2, Timeout: time.Minute}
	res, err = c2.Get(hs.URL + "/auth/callback?code=x&state=y")
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(t, res); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Sign-in did not complete") {
		t.Errorf("forged callback: got %d, want the 400 page", res.StatusCode)
	}
	// Someone the issuer gives no kinmap role is refused.
	iss.SignInAs(&graph.Principal{User: "nobody", Role: "visitor"})
	res, err = c2.Get(hs.URL + "/auth/login")
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(t, res); res.StatusCode != http.StatusForbidden || !strings.Contains(body, "Sign-in refused") {
		t.Errorf("no role: got %d, want the 403 page", res.StatusCode)
	}
}

func readAll(t *testing.T, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return b.String()
}
