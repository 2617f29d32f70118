package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/viz/render"
)

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	demo := fs.Bool("demo", false, "import the synthetic demo families and print a token for a demo user of every role")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	log := logger(e.stderr, e.cfg.LogLevel)
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	cfg, err := serverConfig(ctx, e.cfg, store)
	if err != nil {
		return err
	}
	if *demo {
		if err := importDemo(ctx, e, store); err != nil {
			return err
		}
		if err := demoTokens(ctx, e, store); err != nil {
			return err
		}
		cfg.Web.DemoUsers = demoPrincipals()
	}
	if err := webConfig(ctx, e.cfg, &cfg, store); err != nil {
		return err
	}
	renderer := render.NewRenderer()
	defer renderer.Close()
	cfg.Renderer = renderer
	stopMetrics, err := startMetrics(e, &cfg, store, renderer)
	if err != nil {
		return err
	}
	defer stopMetrics()
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := api.New(cfg, store, log)
	fmt.Fprintf(e.stdout, "kinmap serving on %s\n", displayURL(l.Addr()))
	if *demo {
		fmt.Fprintf(e.stdout, "open %s in a browser and choose a demo user\n", displayURL(l.Addr()))
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shut)
}

// serverConfig turns kinmap's configuration into the API's; API tokens
// are looked up in tokens.
func serverConfig(ctx context.Context, c config, tokens auth.TokenLookup) (api.Config, error) {
	cfg := api.Config{Addr: c.Addr, PseudonymKey: c.PseudonymKey, DisclosureThreshold: c.DisclosureThreshold,
		CORSOrigins: c.CORSOrigins, RateLimit: c.RateLimit, TrustedProxies: c.TrustedProxies,
		MetricsAddr: c.MetricsAddr, AuditBatch: c.AuditBatch, RequestTimeout: c.RequestTimeout, TimeZone: c.Zone,
		Analysis: c.Analysis}
	authn := auth.NewAuthenticator(api.CacheTokens(tokens), nil)
	if c.OIDC != nil {
		var err error
		if authn.OIDC, err = auth.NewOIDCVerifier(ctx, *c.OIDC); err != nil {
			return cfg, fmt.Errorf("oidc: %w", err)
		}
	}
	cfg.Auth = authn
	return cfg, nil
}

// demoUsers are the demo users `make run` prints tokens for: one of each
// role, with caseloads from the demo families.
var demoUsers = []struct {
	user  string
	role  graph.Role
	teams []string
}{
	{"worker-a", graph.RoleWorker, nil},
	{"manager-north", graph.RoleManager, []string{"team-north"}},
	{"iro-a", graph.RoleReviewingOfficer, nil},
	{"evaluator-a", graph.RoleEvaluator, nil},
	{"admin-a", graph.RoleAdmin, nil},
}

// demoTokens gives the demo reviewing officer the ardvane sibling group
// and prints a 7-day token for every demo user.
func demoTokens(ctx context.Context, e *env, store *neo4jstore.Store) error {
	doc := graph.Document{Format: graph.Format, Records: graph.Records{Assignments: []graph.Assignment{
		{ID: "demo-iro-a-ard", Worker: "iro-a", Child: "ard-amy", Since: graph.MustDate("2024-10-01")}}}}
	if _, err := store.Import(ctx, &doc); err != nil {
		return fmt.Errorf("demo assignment: %w", err)
	}
	fmt.Fprintln(e.stdout, "demo tokens (synthetic users, valid 7 days): use as  Authorization: Bearer TOKEN")
	for _, u := range demoUsers {
		_, secret, err := auth.IssueBy(ctx, store, operator(), u.user, u.role, u.teams, 7*24*time.Hour, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "  %-18s %-14s %s\n", u.role, u.user, secret)
	}
	return nil
}

// displayURL turns a listen address into a URL a person can open.
func displayURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := "localhost"
	if !tcp.IP.IsUnspecified() && !tcp.IP.IsLoopback() {
		host = tcp.IP.String()
	}
	return fmt.Sprintf("http://%s:%d", host, tcp.Port)
}
