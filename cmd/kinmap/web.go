package main

import (
	"context"
	"fmt"
	"net"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"golang.org/x/oauth2"
)

// webConfig sets the web app's part of the API's configuration: sessions
// in Neo4j, their idle and absolute timeouts, a Secure cookie unless
// kinmap listens on loopback only (or KINMAP_COOKIE_SECURE says), and
// OIDC sign-in when KINMAP_OIDC_CLIENT_ID is set next to the API's
// KINMAP_OIDC_* settings (loadConfig has checked they go together).
func webConfig(ctx context.Context, c config, cfg *api.Config, store *neo4jstore.Store) error {
	cfg.Web.Sessions = store.Sessions()
	cfg.Web.IdleTimeout, cfg.Web.Lifetime = c.Web.SessionIdle, c.Web.SessionLifetime
	cfg.Web.SecureCookie = !loopbackAddr(cfg.Addr)
	if c.Web.CookieSecure != nil {
		cfg.Web.SecureCookie = *c.Web.CookieSecure
	}
	if c.Web.ClientID == "" || c.OIDC == nil {
		return nil
	}
	v, err := auth.NewOIDCVerifier(ctx, *c.OIDC)
	if err != nil {
		return fmt.Errorf("oidc: %w", err)
	}
	dctx, cancel := context.WithTimeout(ctx, auth.DefaultHTTPTimeout)
	defer cancel()
	provider, err := oidc.NewProvider(dctx, c.OIDC.Issuer)
	if err != nil {
		return fmt.Errorf("oidc discovery: %w", err)
	}
	cfg.Web.OIDC = &api.WebOIDC{Verify: v.Verify, OAuth2: &oauth2.Config{ClientID: c.Web.ClientID, ClientSecret: c.Web.ClientSecret,
		RedirectURL: c.Web.RedirectURL, Endpoint: provider.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "profile"}}}
	return nil
}

// loopbackAddr reports whether a listen address is on loopback only.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// demoPrincipals are the demo users offered on the demo sign-in page.
func demoPrincipals() []graph.Principal {
	out := make([]graph.Principal, len(demoUsers))
	for i, u := range demoUsers {
		out[i] = graph.Principal{User: u.user, Role: u.role, Teams: u.teams}
	}
	return out
}
