package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/viz"
)

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	demo := fs.Bool("demo", false, "import the synthetic demo families and print a token for a demo user of every role")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	log := logger(e.stderr, getenv("KINMAP_LOG_LEVEL", "info"))
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	cfg, err := serverConfig(ctx, store)
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
	if err := webConfig(ctx, &cfg, store); err != nil {
		return err
	}
	renderer := viz.NewRenderer()
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

// serverConfig reads the API's settings from the environment; API tokens
// are looked up in tokens.
func serverConfig(ctx context.Context, tokens auth.TokenLookup) (api.Config, error) {
	cfg := api.Config{Addr: getenv("KINMAP_ADDR", defaultAddr)}
	authn := auth.NewAuthenticator(api.CacheTokens(tokens), nil)
	oidc, ok, err := auth.OIDCConfigFromEnv()
	if err != nil {
		return cfg, err
	}
	if ok {
		if authn.OIDC, err = auth.NewOIDCVerifier(ctx, oidc); err != nil {
			return cfg, fmt.Errorf("oidc: %w", err)
		}
	}
	cfg.Auth = authn
	key, err := secret("KINMAP_PSEUDONYM_KEY", "")
	if err != nil {
		return cfg, err
	}
	cfg.PseudonymKey = []byte(key)
	if cfg.DisclosureThreshold, err = disclosureThreshold(); err != nil {
		return cfg, err
	}
	if cfg.Analysis, err = assessmentOptions(); err != nil {
		return cfg, err
	}
	if v := getenv("KINMAP_CORS_ORIGINS", ""); v != "" {
		cfg.CORSOrigins = strings.Split(v, ",")
	}
	if v := getenv("KINMAP_RATE_LIMIT", ""); v != "" {
		if cfg.RateLimit, err = strconv.ParseFloat(v, 64); err != nil {
			return cfg, fmt.Errorf("KINMAP_RATE_LIMIT: %w", err)
		}
	}
	if cfg.TrustedProxies, err = trustedProxies(getenv("KINMAP_TRUSTED_PROXIES", "")); err != nil {
		return cfg, fmt.Errorf("KINMAP_TRUSTED_PROXIES: %w", err)
	}
	cfg.MetricsAddr = getenv("KINMAP_METRICS_ADDR", "")
	if v := getenv("KINMAP_AUDIT_BATCH", ""); v != "" {
		if cfg.AuditBatch, err = strconv.Atoi(v); err != nil || cfg.AuditBatch < 1 {
			return cfg, fmt.Errorf("KINMAP_AUDIT_BATCH: must be a whole number from 1 (each request's event on its own)")
		}
	}
	if cfg.RequestTimeout, err = requestTimeout(); err != nil {
		return cfg, err
	}
	return cfg, nil
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
		_, secret, err := auth.IssueBy(ctx, store, operator(), u.user, u.role, u.teams, 7*24*time.Hour, time.Now().UTC())
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
