package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"golang.org/x/oauth2"
)

// webConfig reads the web app's settings: sessions in Neo4j, their idle
// and absolute timeouts (KINMAP_SESSION_IDLE, KINMAP_SESSION_LIFETIME),
// a Secure cookie unless kinmap listens on loopback only (or
// KINMAP_COOKIE_SECURE says), and OIDC sign-in when KINMAP_OIDC_CLIENT_ID
// is set next to the API's KINMAP_OIDC_* settings.
func webConfig(ctx context.Context, cfg *api.Config, store *neo4jstore.Store) error {
	cfg.Web.Sessions = store.Sessions()
	var err error
	if cfg.Web.IdleTimeout, err = time.ParseDuration(getenv("KINMAP_SESSION_IDLE", "30m")); err != nil {
		return fmt.Errorf("KINMAP_SESSION_IDLE: %w", err)
	}
	if cfg.Web.Lifetime, err = time.ParseDuration(getenv("KINMAP_SESSION_LIFETIME", "8h")); err != nil {
		return fmt.Errorf("KINMAP_SESSION_LIFETIME: %w", err)
	}
	cfg.Web.SecureCookie = !loopbackAddr(cfg.Addr)
	if v := os.Getenv("KINMAP_COOKIE_SECURE"); v != "" {
		if cfg.Web.SecureCookie, err = strconv.ParseBool(v); err != nil {
			return fmt.Errorf("KINMAP_COOKIE_SECURE: %w", err)
		}
	}
	id := os.Getenv("KINMAP_OIDC_CLIENT_ID")
	if id == "" {
		return nil
	}
	oc, ok, err := auth.OIDCConfigFromEnv()
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("KINMAP_OIDC_CLIENT_ID is set but KINMAP_OIDC_ISSUER is not")
	}
	secret, err := secret("KINMAP_OIDC_CLIENT_SECRET", "")
	if err != nil {
		return err
	}
	redirect := os.Getenv("KINMAP_OIDC_REDIRECT_URL")
	if redirect == "" {
		return fmt.Errorf("KINMAP_OIDC_REDIRECT_URL is required with KINMAP_OIDC_CLIENT_ID (https://HOST/auth/callback)")
	}
	v, err := auth.NewOIDCVerifier(ctx, oc)
	if err != nil {
		return fmt.Errorf("oidc: %w", err)
	}
	dctx, cancel := context.WithTimeout(ctx, auth.DefaultHTTPTimeout)
	defer cancel()
	provider, err := oidc.NewProvider(dctx, oc.Issuer)
	if err != nil {
		return fmt.Errorf("oidc discovery: %w", err)
	}
	cfg.Web.OIDC = &api.WebOIDC{Verify: v.Verify, OAuth2: &oauth2.Config{ClientID: id, ClientSecret: secret,
		RedirectURL: redirect, Endpoint: provider.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "profile"}}}
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
