package main

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/netip"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // KINMAP_TIME_ZONE works on hosts without a zone database

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// Defaults for the environment variables README.md documents.
const (
	defaultURI      = "bolt://127.0.0.1:7687"
	defaultUser     = "neo4j"
	defaultPassword = "kinmap-dev-password"
	defaultAddr     = ":8080"
	defaultZone     = "Europe/London"
)

// config is kinmap's whole configuration: every KINMAP_* and NEO4J_*
// variable, read and checked once at start (loadConfig). Nothing else
// reads the environment; packages are handed the values they need.
type config struct {
	Neo4j      neo4jstore.Config // NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD(_FILE), NEO4J_DATABASE, KINMAP_REQUEST_TIMEOUT, KINMAP_TIME_ZONE
	Neo4jWait  time.Duration     // KINMAP_NEO4J_WAIT
	DevNeo4jPW bool              // NEO4J_URI is set but no password: the development one is tried

	Addr           string     // KINMAP_ADDR
	LogLevel       slog.Level // KINMAP_LOG_LEVEL
	RequestTimeout time.Duration
	// Zone decides what "today" is (KINMAP_TIME_ZONE) for the API, the
	// command line and the store's fallbacks alike.
	Zone *time.Location

	OIDC                *auth.OIDCConfig // KINMAP_OIDC_*; nil: off
	PseudonymKey        []byte           // KINMAP_PSEUDONYM_KEY(_FILE)
	CORSOrigins         []string         // KINMAP_CORS_ORIGINS
	RateLimit           float64          // KINMAP_RATE_LIMIT: requests per second; < 0: off
	TrustedProxies      []netip.Prefix   // KINMAP_TRUSTED_PROXIES
	MetricsAddr         string           // KINMAP_METRICS_ADDR
	AuditBatch          int              // KINMAP_AUDIT_BATCH; 0: the API's default
	DisclosureThreshold int              // KINMAP_DISCLOSURE_THRESHOLD
	// Analysis holds the flags' thresholds: KINMAP_ASSESSMENT_DUE_DAYS,
	// KINMAP_ASSESSMENT_REVIEW_MONTHS.
	Analysis analysis.Options

	Web webSettings
}

// webSettings are the web app's: sessions and OIDC sign-in.
type webSettings struct {
	SessionIdle     time.Duration // KINMAP_SESSION_IDLE
	SessionLifetime time.Duration // KINMAP_SESSION_LIFETIME
	CookieSecure    *bool         // KINMAP_COOKIE_SECURE; nil: unless KINMAP_ADDR is loopback
	ClientID        string        // KINMAP_OIDC_CLIENT_ID; "": no OIDC sign-in
	ClientSecret    string        // KINMAP_OIDC_CLIENT_SECRET(_FILE)
	RedirectURL     string        // KINMAP_OIDC_REDIRECT_URL
}

// today is the date it is now in the configured zone.
func (c *config) today() graph.Date { return graph.TodayIn(c.Zone) }

// knownVars are the KINMAP_* variables kinmap reads, with those its test
// harness and scripts read (so that setting them is no mistake). Any
// other KINMAP_* variable is refused: a misspelt name must not leave a
// setting silently at its default.
var knownVars = []string{
	"KINMAP_ADDR", "KINMAP_ASSESSMENT_DUE_DAYS", "KINMAP_ASSESSMENT_REVIEW_MONTHS", "KINMAP_AUDIT_BATCH", "KINMAP_COOKIE_SECURE", "KINMAP_CORS_ORIGINS",
	"KINMAP_DISCLOSURE_THRESHOLD", "KINMAP_LOG_LEVEL", "KINMAP_METRICS_ADDR", "KINMAP_NEO4J_WAIT",
	"KINMAP_OIDC_AUDIENCE", "KINMAP_OIDC_CLIENT_ID", "KINMAP_OIDC_CLIENT_SECRET", "KINMAP_OIDC_CLIENT_SECRET_FILE",
	"KINMAP_OIDC_ISSUER", "KINMAP_OIDC_JWKS_URL", "KINMAP_OIDC_REDIRECT_URL", "KINMAP_OIDC_ROLE_CLAIM",
	"KINMAP_OIDC_ROLE_MAP", "KINMAP_OIDC_TEAMS_CLAIM", "KINMAP_OIDC_USER_CLAIM",
	"KINMAP_PSEUDONYM_KEY", "KINMAP_PSEUDONYM_KEY_FILE", "KINMAP_RATE_LIMIT", "KINMAP_REQUEST_TIMEOUT",
	"KINMAP_SESSION_IDLE", "KINMAP_SESSION_LIFETIME", "KINMAP_TIME_ZONE", "KINMAP_TRUSTED_PROXIES",
	// Read by the tests and scripts, not by kinmap.
	"KINMAP_TEST_NEO4J_URI", "KINMAP_TEST_NEO4J_PASSWORD", "KINMAP_URL", "KINMAP_SHOTS", "KINMAP_OIDC_USER",
}

// vars is the environment as loadConfig reads it.
type vars map[string]string

func environ(kv []string) vars {
	v := vars{}
	for _, s := range kv {
		if name, value, ok := strings.Cut(s, "="); ok {
			v[name] = value
		}
	}
	return v
}

func (v vars) get(name, def string) string {
	if s := v[name]; s != "" {
		return s
	}
	return def
}

// secret reads NAME, or the file named by NAME_FILE (without its final
// newline), or def. Setting both is a mistake.
func (v vars) secret(name, def string) (string, error) {
	f := v[name+"_FILE"]
	if f == "" {
		return v.get(name, def), nil
	}
	if v[name] != "" {
		return "", fmt.Errorf("%s and %s_FILE are both set: use one", name, name)
	}
	b, err := os.ReadFile(f)
	if err != nil {
		return "", fmt.Errorf("%s_FILE: %w", name, err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// loadConfig reads and checks the whole configuration from kv (as
// os.Environ gives it). It reports every mistake at once, in the order
// of the variables' names, each naming its variable.
func loadConfig(kv []string) (config, error) {
	v := environ(kv)
	var errs []error
	fail := func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			errs = append(errs, j.Unwrap()...)
		} else if err != nil {
			errs = append(errs, err)
		}
	}
	failf := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	for name := range v {
		if strings.HasPrefix(name, "KINMAP_") && !slices.Contains(knownVars, name) {
			failf("%s is not a kinmap setting (misspelt? see README.md, Configuration)", name)
		}
	}

	c := config{Addr: v.get("KINMAP_ADDR", defaultAddr), MetricsAddr: v["KINMAP_METRICS_ADDR"],
		DisclosureThreshold: analysis.DefaultThreshold}
	var err error
	c.RequestTimeout, err = positiveDuration(v, "KINMAP_REQUEST_TIMEOUT", "10s")
	fail(err)
	c.Neo4jWait, err = duration(v, "KINMAP_NEO4J_WAIT", "60s", 0)
	fail(err)
	if err := c.LogLevel.UnmarshalText([]byte(v.get("KINMAP_LOG_LEVEL", "info"))); err != nil {
		failf("KINMAP_LOG_LEVEL: want debug, info, warn or error, got %q", v["KINMAP_LOG_LEVEL"])
	}
	if c.Zone, err = time.LoadLocation(v.get("KINMAP_TIME_ZONE", defaultZone)); err != nil || v.get("KINMAP_TIME_ZONE", defaultZone) == "Local" {
		failf("KINMAP_TIME_ZONE: want a zone such as Europe/London, got %q", v["KINMAP_TIME_ZONE"])
	}

	pw, err := v.secret("NEO4J_PASSWORD", defaultPassword)
	fail(err)
	c.DevNeo4jPW = v["NEO4J_URI"] != "" && v["NEO4J_PASSWORD"] == "" && v["NEO4J_PASSWORD_FILE"] == ""
	c.Neo4j = neo4jstore.Config{URI: v.get("NEO4J_URI", defaultURI), User: v.get("NEO4J_USER", defaultUser),
		Password: pw, Database: v["NEO4J_DATABASE"], Timeout: c.RequestTimeout, Zone: c.Zone}

	c.OIDC, err = oidcConfig(v)
	fail(err)
	key, err := v.secret("KINMAP_PSEUDONYM_KEY", "")
	fail(err)
	c.PseudonymKey = []byte(key)
	if s := v["KINMAP_DISCLOSURE_THRESHOLD"]; s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			failf("KINMAP_DISCLOSURE_THRESHOLD must be a whole number from 1 to 100, got %q", s)
		}
		c.DisclosureThreshold = n
	}
	c.Analysis, err = assessmentOptions(v)
	fail(err)
	c.CORSOrigins, err = corsOrigins(v["KINMAP_CORS_ORIGINS"])
	fail(err)
	if s := v["KINMAP_RATE_LIMIT"]; s != "" {
		r, err := strconv.ParseFloat(s, 64)
		if err != nil || r == 0 || math.IsNaN(r) || math.IsInf(r, 0) {
			failf("KINMAP_RATE_LIMIT: want requests per second above 0 (or below 0 for no limit), got %q", s)
		}
		c.RateLimit = r
	}
	if c.TrustedProxies, err = trustedProxies(v["KINMAP_TRUSTED_PROXIES"]); err != nil {
		fail(fmt.Errorf("KINMAP_TRUSTED_PROXIES: %w", err))
	}
	if s := v["KINMAP_AUDIT_BATCH"]; s != "" {
		if c.AuditBatch, err = strconv.Atoi(s); err != nil || c.AuditBatch < 1 {
			failf("KINMAP_AUDIT_BATCH: must be a whole number from 1 (each request's event on its own), got %q", s)
		}
	}
	c.Web, err = webSettingsFrom(v, c.OIDC != nil)
	fail(err)
	slices.SortStableFunc(errs, func(a, b error) int { return strings.Compare(varName(a), varName(b)) })
	return c, errors.Join(errs...)
}

// varName is the variable an error of loadConfig names first, for a
// fixed order.
func varName(err error) string {
	s := err.Error()
	if i := strings.IndexFunc(s, func(r rune) bool { return !(r == '_' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') }); i >= 0 {
		return s[:i]
	}
	return s
}

func duration(v vars, name, def string, least time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(v.get(name, def))
	if err != nil || d < least {
		return 0, fmt.Errorf("%s: want a duration such as %s, got %q", name, def, v[name])
	}
	return d, nil
}

func positiveDuration(v vars, name, def string) (time.Duration, error) {
	d, err := duration(v, name, def, time.Nanosecond)
	if err != nil {
		return 0, fmt.Errorf("%s: want a positive duration such as %s, got %q", name, def, v[name])
	}
	return d, nil
}

// oidcConfig reads the KINMAP_OIDC_* variables of the API's bearer
// tokens: nil when KINMAP_OIDC_ISSUER is unset (OIDC off); setting the
// others without it is an error.
func oidcConfig(v vars) (*auth.OIDCConfig, error) {
	names := []string{"KINMAP_OIDC_AUDIENCE", "KINMAP_OIDC_JWKS_URL", "KINMAP_OIDC_ROLE_CLAIM",
		"KINMAP_OIDC_USER_CLAIM", "KINMAP_OIDC_TEAMS_CLAIM", "KINMAP_OIDC_ROLE_MAP"}
	if v["KINMAP_OIDC_ISSUER"] == "" {
		for _, name := range names {
			if v[name] != "" {
				return nil, fmt.Errorf("%s is set but KINMAP_OIDC_ISSUER is not", name)
			}
		}
		return nil, nil
	}
	c := auth.OIDCConfig{Issuer: v["KINMAP_OIDC_ISSUER"], Audience: v["KINMAP_OIDC_AUDIENCE"], JWKSURL: v["KINMAP_OIDC_JWKS_URL"],
		RoleClaim: v["KINMAP_OIDC_ROLE_CLAIM"], UserClaim: v["KINMAP_OIDC_USER_CLAIM"], TeamsClaim: v["KINMAP_OIDC_TEAMS_CLAIM"]}
	var errs []error
	if err := auth.CheckProviderURL(c.Issuer); err != nil {
		errs = append(errs, fmt.Errorf("KINMAP_OIDC_ISSUER: %w", err))
	}
	if c.JWKSURL != "" {
		if err := auth.CheckProviderURL(c.JWKSURL); err != nil {
			errs = append(errs, fmt.Errorf("KINMAP_OIDC_JWKS_URL: %w", err))
		}
	}
	if c.Audience == "" {
		errs = append(errs, errors.New("KINMAP_OIDC_AUDIENCE: is required with KINMAP_OIDC_ISSUER"))
	}
	if s := v["KINMAP_OIDC_ROLE_MAP"]; s != "" {
		var err error
		if c.RoleMap, err = auth.ParseRoleMap(s); err != nil {
			errs = append(errs, fmt.Errorf("KINMAP_OIDC_ROLE_MAP: %w", err))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &c, nil
}

// corsOrigins reads a comma-separated list of origins ("*" or
// scheme://host[:port]); spaces around the commas are dropped.
func corsOrigins(s string) ([]string, error) {
	var out []string
	for o := range strings.SplitSeq(s, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if u, err := url.Parse(o); o != "*" && (err != nil || u.Scheme == "" || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.User != nil) {
			return nil, fmt.Errorf("KINMAP_CORS_ORIGINS: %q is not an origin such as https://app.example.org", o)
		}
		out = append(out, o)
	}
	return out, nil
}

// trustedProxies reads a comma-separated list of CIDRs (a bare address
// is one host).
func trustedProxies(v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for item := range strings.SplitSeq(v, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if a, err := netip.ParseAddr(item); err == nil {
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			return nil, fmt.Errorf("%q is not an address or CIDR", item)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// webSettingsFrom reads the web app's settings; OIDC sign-in
// (KINMAP_OIDC_CLIENT_ID) needs the API's OIDC settings (oidc) and a
// redirect URL.
func webSettingsFrom(v vars, oidc bool) (webSettings, error) {
	var w webSettings
	var errs []error
	var err error
	if w.SessionIdle, err = positiveDuration(v, "KINMAP_SESSION_IDLE", "30m"); err != nil {
		errs = append(errs, err)
	}
	if w.SessionLifetime, err = positiveDuration(v, "KINMAP_SESSION_LIFETIME", "8h"); err != nil {
		errs = append(errs, err)
	}
	if s := v["KINMAP_COOKIE_SECURE"]; s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			errs = append(errs, fmt.Errorf("KINMAP_COOKIE_SECURE: want true or false, got %q", s))
		}
		w.CookieSecure = &b
	}
	w.ClientID, w.RedirectURL = v["KINMAP_OIDC_CLIENT_ID"], v["KINMAP_OIDC_REDIRECT_URL"]
	if w.ClientSecret, err = v.secret("KINMAP_OIDC_CLIENT_SECRET", ""); err != nil {
		errs = append(errs, err)
	}
	switch {
	case w.ClientID == "" && (w.RedirectURL != "" || w.ClientSecret != ""):
		errs = append(errs, errors.New("KINMAP_OIDC_CLIENT_ID: is required with KINMAP_OIDC_REDIRECT_URL or KINMAP_OIDC_CLIENT_SECRET"))
	case w.ClientID == "":
	case !oidc:
		errs = append(errs, errors.New("KINMAP_OIDC_CLIENT_ID is set but KINMAP_OIDC_ISSUER is not"))
	case w.RedirectURL == "":
		errs = append(errs, errors.New("KINMAP_OIDC_REDIRECT_URL is required with KINMAP_OIDC_CLIENT_ID (https://HOST/auth/callback)"))
	}
	return w, errors.Join(errs...)
}
