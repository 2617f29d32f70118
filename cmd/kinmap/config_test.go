package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
	"github.com/kinmap/kinmap/viz"
)

// load is loadConfig over "NAME=value" pairs.
func load(kv ...string) (config, error) { return loadConfig(kv) }

func TestConfigDefaults(t *testing.T) {
	c, err := load()
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.RequestTimeout != 10*time.Second || c.Neo4jWait != time.Minute || c.RateLimit != 0 ||
		c.AuditBatch != 0 || c.DisclosureThreshold != analysis.DefaultThreshold || c.OIDC != nil || c.CORSOrigins != nil {
		t.Errorf("defaults: got %+v", c)
	}
	if c.Zone.String() != "Europe/London" || c.Neo4j.Zone != c.Zone || c.Neo4j.URI != defaultURI || c.Neo4j.Password != defaultPassword || c.DevNeo4jPW {
		t.Errorf("zone %v, neo4j %+v, dev password warning %v", c.Zone, c.Neo4j, c.DevNeo4jPW)
	}
	if c.Web.SessionIdle != 30*time.Minute || c.Web.SessionLifetime != 8*time.Hour || c.Web.CookieSecure != nil {
		t.Errorf("web: got %+v", c.Web)
	}
}

// TestConfigRateLimit: 0 or a typo is an error at start naming the
// variable, not silently 20; below 0 turns limiting off.
func TestConfigRateLimit(t *testing.T) {
	for _, bad := range []string{"0", "2O", "twenty", "NaN", "+Inf", "-0"} {
		if _, err := load("KINMAP_RATE_LIMIT=" + bad); err == nil || !strings.Contains(err.Error(), "KINMAP_RATE_LIMIT") {
			t.Errorf("KINMAP_RATE_LIMIT=%s: got %v, want an error naming it", bad, err)
		}
	}
	for v, want := range map[string]float64{"5": 5, "0.5": 0.5, "-1": -1} {
		if c, err := load("KINMAP_RATE_LIMIT=" + v); err != nil || c.RateLimit != want {
			t.Errorf("KINMAP_RATE_LIMIT=%s: got %v, %v; want %v", v, c.RateLimit, err, want)
		}
	}
}

// TestConfigRefusesUnknownVariables: a misspelt name must not leave the
// setting at its default.
func TestConfigRefusesUnknownVariables(t *testing.T) {
	_, err := load("KINMAP_RATE_LIMT=5", "KINMAP_TEST_NEO4J_URI=bolt://x", "OTHER_THING=1")
	if err == nil || !strings.Contains(err.Error(), "KINMAP_RATE_LIMT is not a kinmap setting") || strings.Contains(err.Error(), "TEST") || strings.Contains(err.Error(), "OTHER") {
		t.Errorf("got %v, want KINMAP_RATE_LIMT refused, the others not", err)
	}
}

// TestConfigReportsEveryErrorInOrder: with several bad values every one
// is named, always in the same order.
func TestConfigReportsEveryErrorInOrder(t *testing.T) {
	kv := []string{"KINMAP_SESSION_IDLE=soon", "KINMAP_AUDIT_BATCH=0", "KINMAP_RATE_LIMIT=0", "KINMAP_TIME_ZONE=Mars/Olympus",
		"KINMAP_DISCLOSURE_THRESHOLD=0", "KINMAP_LOG_LEVEL=loud", "KINMAP_REQUEST_TIMEOUT=-1s", "KINMAP_CORS_ORIGINS=a.example",
		"KINMAP_COOKIE_SECURE=maybe", "KINMAP_TRUSTED_PROXIES=proxy", "KINMAP_OIDC_AUDIENCE=k", "KINMAP_NEO4J_WAIT=1", "KINMAP_TYPO=1"}
	want := []string{"KINMAP_AUDIT_BATCH", "KINMAP_COOKIE_SECURE", "KINMAP_CORS_ORIGINS", "KINMAP_DISCLOSURE_THRESHOLD",
		"KINMAP_LOG_LEVEL", "KINMAP_NEO4J_WAIT", "KINMAP_OIDC_AUDIENCE", "KINMAP_RATE_LIMIT", "KINMAP_REQUEST_TIMEOUT",
		"KINMAP_SESSION_IDLE", "KINMAP_TIME_ZONE", "KINMAP_TRUSTED_PROXIES", "KINMAP_TYPO"}
	var first string
	for i := range 20 {
		_, err := load(kv...)
		if err == nil {
			t.Fatal("accepted")
		}
		lines := strings.Split(err.Error(), "\n")
		var names []string
		for _, l := range lines {
			names = append(names, varName(errString(l)))
		}
		if !reflect.DeepEqual(names, want) {
			t.Fatalf("errors name %v, want %v:\n%s", names, want, err)
		}
		if i == 0 {
			first = err.Error()
		} else if err.Error() != first {
			t.Fatalf("run %d gave another order:\n%s\nfirst:\n%s", i, err, first)
		}
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// TestCORSOriginsAreTrimmed: "a, b" allows b (before: " b", which no
// browser sends, so b was refused).
func TestCORSOriginsAreTrimmed(t *testing.T) {
	c, err := load("KINMAP_CORS_ORIGINS=https://a.example, https://b.example ,")
	if err != nil || !reflect.DeepEqual(c.CORSOrigins, []string{"https://a.example", "https://b.example"}) {
		t.Fatalf("got %q, %v", c.CORSOrigins, err)
	}
	cfg, err := serverConfig(context.Background(), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Renderer = nopRenderer{}
	store, err := neo4jstore.New(context.Background(), neo4jtest.Driver())
	if err != nil {
		t.Fatal(err)
	}
	srv := api.New(cfg, store, nil)
	req := httptest.NewRequest(http.MethodOptions, "/api/v1/children/x/flags", nil)
	req.Header.Set("Origin", "https://b.example")
	req.Header.Set("Access-Control-Request-Method", "GET")
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "https://b.example" {
		t.Errorf("preflight from the second origin: Access-Control-Allow-Origin %q (status %d), want https://b.example", got, rec.Code)
	}
}

type nopRenderer struct{}

func (nopRenderer) Render(context.Context, []byte, viz.Format) ([]byte, error) { return nil, nil }

func TestConfigTrustedProxies(t *testing.T) {
	c, err := load("KINMAP_TRUSTED_PROXIES= 10.0.0.0/8, 192.0.2.7 ,2001:db8::/32")
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.7/32"), netip.MustParsePrefix("2001:db8::/32")}
	if err != nil || !reflect.DeepEqual(c.TrustedProxies, want) {
		t.Errorf("KINMAP_TRUSTED_PROXIES: got %v, %v; want %v", c.TrustedProxies, err, want)
	}
	if _, err := load("KINMAP_TRUSTED_PROXIES=10.0.0.0/8,proxy.example"); err == nil || !strings.Contains(err.Error(), "KINMAP_TRUSTED_PROXIES") {
		t.Errorf("a bad KINMAP_TRUSTED_PROXIES entry: got %v", err)
	}
}

func TestConfigTimeZone(t *testing.T) {
	c, err := load("KINMAP_TIME_ZONE=UTC")
	if err != nil || c.Zone != time.UTC || c.Neo4j.Zone != time.UTC {
		t.Errorf("UTC: got %v, %v", c.Zone, err)
	}
	for _, bad := range []string{"Europe/Lundun", "Local"} {
		if _, err := load("KINMAP_TIME_ZONE=" + bad); err == nil || !strings.Contains(err.Error(), "KINMAP_TIME_ZONE") {
			t.Errorf("KINMAP_TIME_ZONE=%s: got %v", bad, err)
		}
	}
	c, _ = load()
	if got, want := c.today(), graph.TodayIn(graph.London); got != want && got.Time().Add(24*time.Hour) != want.Time() {
		t.Errorf("today: got %s, want London's %s", got, want)
	}
}

func TestConfigSecrets(t *testing.T) {
	f := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(f, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := load("NEO4J_URI=bolt://db:7687", "NEO4J_PASSWORD_FILE="+f, "KINMAP_PSEUDONYM_KEY=k")
	if err != nil || c.Neo4j.Password != "s3cret" || string(c.PseudonymKey) != "k" || c.DevNeo4jPW {
		t.Errorf("got %q %q dev %v, %v", c.Neo4j.Password, c.PseudonymKey, c.DevNeo4jPW, err)
	}
	if _, err := load("NEO4J_PASSWORD=a", "NEO4J_PASSWORD_FILE="+f); err == nil || !strings.Contains(err.Error(), "NEO4J_PASSWORD") {
		t.Errorf("both set: got %v", err)
	}
	if _, err := load("KINMAP_PSEUDONYM_KEY_FILE=/nonexistent/key"); err == nil || !strings.Contains(err.Error(), "KINMAP_PSEUDONYM_KEY_FILE") {
		t.Errorf("missing file: got %v", err)
	}
	if c, _ := load("NEO4J_URI=bolt://db:7687"); !c.DevNeo4jPW {
		t.Error("NEO4J_URI without a password: no warning")
	}
}

func TestConfigOIDC(t *testing.T) {
	tests := []struct {
		name    string
		env     []string
		wantErr string
		check   func(t *testing.T, c *auth.OIDCConfig)
	}{
		{name: "off", check: func(t *testing.T, c *auth.OIDCConfig) {
			if c != nil {
				t.Errorf("got %+v, want off", c)
			}
		}},
		{name: "audience without issuer", env: []string{"KINMAP_OIDC_AUDIENCE=kinmap"}, wantErr: "KINMAP_OIDC_AUDIENCE is set but KINMAP_OIDC_ISSUER is not"},
		{name: "defaults", env: []string{"KINMAP_OIDC_ISSUER=https://idp.example.org/realms/council", "KINMAP_OIDC_AUDIENCE=kinmap"},
			check: func(t *testing.T, c *auth.OIDCConfig) {
				if c == nil || c.Issuer != "https://idp.example.org/realms/council" || c.Audience != "kinmap" || c.RoleMap != nil {
					t.Errorf("got %+v", c)
				}
			}},
		{name: "everything", env: []string{"KINMAP_OIDC_ISSUER=https://idp.example.org", "KINMAP_OIDC_AUDIENCE=api://kinmap",
			"KINMAP_OIDC_JWKS_URL=https://idp.example.org/keys", "KINMAP_OIDC_ROLE_CLAIM=realm_access.roles",
			"KINMAP_OIDC_USER_CLAIM=upn", "KINMAP_OIDC_TEAMS_CLAIM=teams",
			"KINMAP_OIDC_ROLE_MAP= SW = worker , TM=manager,IRO=reviewing_officer,"},
			check: func(t *testing.T, c *auth.OIDCConfig) {
				want := map[string]graph.Role{"SW": graph.RoleWorker, "TM": graph.RoleManager, "IRO": graph.RoleReviewingOfficer}
				if !reflect.DeepEqual(c.RoleMap, want) {
					t.Errorf("role map: got %v, want %v", c.RoleMap, want)
				}
				if c.JWKSURL != "https://idp.example.org/keys" || c.RoleClaim != "realm_access.roles" || c.UserClaim != "upn" || c.TeamsClaim != "teams" {
					t.Errorf("got %+v", c)
				}
			}},
		{name: "no audience", env: []string{"KINMAP_OIDC_ISSUER=https://idp.example.org"}, wantErr: "KINMAP_OIDC_AUDIENCE: is required"},
		{name: "plain http", env: []string{"KINMAP_OIDC_ISSUER=http://idp.example.org", "KINMAP_OIDC_AUDIENCE=k"}, wantErr: "KINMAP_OIDC_ISSUER: must use https"},
		{name: "http on loopback", env: []string{"KINMAP_OIDC_ISSUER=http://127.0.0.1:8081", "KINMAP_OIDC_AUDIENCE=k"}},
		{name: "bad role map", env: []string{"KINMAP_OIDC_ISSUER=https://idp.example.org", "KINMAP_OIDC_AUDIENCE=k", "KINMAP_OIDC_ROLE_MAP=SW=boss"},
			wantErr: "KINMAP_OIDC_ROLE_MAP: entry 1: unknown role"},
		{name: "web sign-in without issuer", env: []string{"KINMAP_OIDC_CLIENT_ID=kinmap-web", "KINMAP_OIDC_REDIRECT_URL=https://h/auth/callback"},
			wantErr: "KINMAP_OIDC_CLIENT_ID is set but KINMAP_OIDC_ISSUER is not"},
		{name: "web sign-in without redirect", env: []string{"KINMAP_OIDC_ISSUER=https://idp.example.org", "KINMAP_OIDC_AUDIENCE=k", "KINMAP_OIDC_CLIENT_ID=kinmap-web"},
			wantErr: "KINMAP_OIDC_REDIRECT_URL is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := load(tt.env...)
			if (err != nil) != (tt.wantErr != "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got error %v, want %q", err, tt.wantErr)
			}
			if tt.check != nil {
				tt.check(t, c.OIDC)
			}
		})
	}
}

// TestVersionCommand: `kinmap version` needs no configuration and names
// the Go version.
func TestVersionCommand(t *testing.T) {
	t.Setenv("KINMAP_RATE_LIMIT", "0") // would stop any other command
	var out, errb strings.Builder
	if code := run([]string{"version"}, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "kinmap ") || !strings.Contains(out.String(), runtime.Version()) {
		t.Errorf("version: code %d, %q %q", code, out.String(), errb.String())
	}
}
