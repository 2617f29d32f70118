package auth

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/kinmap/kinmap/graph"
)

// Defaults of OIDCConfig.
const (
	DefaultRoleClaim     = "roles"
	DefaultUserClaim     = "preferred_username" // then "sub"
	DefaultTeamsClaim    = "groups"
	DefaultMinKeyRefresh = 15 * time.Second
	DefaultKeyMaxAge     = time.Hour
	DefaultHTTPTimeout   = 10 * time.Second
)

// OIDCConfig says which identity provider kinmap trusts and how its
// claims become a graph.Principal.
type OIDCConfig struct {
	Issuer   string // the provider's issuer URL, exactly as in the "iss" claim
	Audience string // must be in the "aud" claim
	JWKSURL  string // optional: the key set; otherwise found by discovery

	// Claim names; a name with dots ("realm_access.roles") is looked up
	// in nested objects when no claim has the whole name.
	RoleClaim  string // default "roles"
	UserClaim  string // default "preferred_username", falling back to "sub"
	TeamsClaim string // default "groups"

	// RoleMap maps role claim values to roles, e.g. "kinmap.worker" ->
	// worker. Empty: "kinmap.<role>" for every role. When a token maps
	// to several roles, the most powerful wins (see RolePrecedence).
	RoleMap map[string]graph.Role

	// Not set by kinmap's configuration.
	HTTPClient    *http.Client  // nil: a client with a 10 s timeout
	MinKeyRefresh time.Duration // least time between two key set fetches; 0: 15 s; < 0: none (tests)
	KeyMaxAge     time.Duration // keys older than this are fetched again; 0: 1 h
}

// RolePrecedence orders roles from the most to the least powerful; it
// decides when one token maps to several roles.
var RolePrecedence = []graph.Role{graph.RoleAdmin, graph.RoleManager, graph.RoleReviewingOfficer,
	graph.RoleWorker, graph.RoleEvaluator}

// DefaultRoleMap is the role map used when none is configured.
func DefaultRoleMap() map[string]graph.Role {
	m := make(map[string]graph.Role, len(graph.Roles))
	for _, r := range graph.Roles {
		m["kinmap."+string(r)] = r
	}
	return m
}

// ParseRoleMap parses "claimvalue=role,claimvalue=role".
func ParseRoleMap(s string) (map[string]graph.Role, error) {
	m := map[string]graph.Role{}
	for i, entry := range strings.Split(s, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		value, role, ok := strings.Cut(entry, "=")
		value, role = strings.TrimSpace(value), strings.TrimSpace(role)
		switch {
		case !ok || value == "":
			return nil, fmt.Errorf("entry %d: want claimvalue=role", i+1)
		case !graph.Role(role).Valid():
			return nil, fmt.Errorf("entry %d: unknown role %q", i+1, role)
		}
		if _, dup := m[value]; dup {
			return nil, fmt.Errorf("entry %d: claim value listed twice", i+1)
		}
		m[value] = graph.Role(role)
	}
	if len(m) == 0 {
		return nil, errors.New("no entries")
	}
	return m, nil
}

// withDefaults fills in the defaults of unset fields.
func (c OIDCConfig) withDefaults() OIDCConfig {
	if c.RoleClaim == "" {
		c.RoleClaim = DefaultRoleClaim
	}
	if c.UserClaim == "" {
		c.UserClaim = DefaultUserClaim
	}
	if c.TeamsClaim == "" {
		c.TeamsClaim = DefaultTeamsClaim
	}
	if len(c.RoleMap) == 0 {
		c.RoleMap = DefaultRoleMap()
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: DefaultHTTPTimeout}
	}
	if c.MinKeyRefresh == 0 {
		c.MinKeyRefresh = DefaultMinKeyRefresh
	}
	if c.KeyMaxAge == 0 {
		c.KeyMaxAge = DefaultKeyMaxAge
	}
	return c
}

// Validate checks a configuration (after defaults): the issuer and key
// set URLs must be https, or http on a loopback address (development and
// tests); the audience is required; the role map must name known roles.
func (c OIDCConfig) Validate() error {
	var errs []error
	if err := CheckProviderURL(c.Issuer); err != nil {
		errs = append(errs, fmt.Errorf("issuer: %w", err))
	}
	if c.JWKSURL != "" {
		if err := CheckProviderURL(c.JWKSURL); err != nil {
			errs = append(errs, fmt.Errorf("jwks url: %w", err))
		}
	}
	if c.Audience == "" {
		errs = append(errs, errors.New("audience: is required"))
	}
	for value, role := range c.RoleMap {
		if value == "" || !role.Valid() {
			errs = append(errs, fmt.Errorf("role map: %q does not map to a known role", value))
		}
	}
	return errors.Join(errs...)
}

// CheckProviderURL checks an issuer or key set URL: https, or http on a
// loopback host (development and tests).
func CheckProviderURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case s == "":
		return errors.New("is required")
	case err != nil || u.Host == "":
		return errors.New("is not an absolute URL")
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return nil
	}
	return errors.New("must use https (http only on a loopback address)")
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
