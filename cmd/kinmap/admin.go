package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func cmdToken(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError{"usage: kinmap token create|revoke|list ..."}
	}
	switch args[0] {
	case "create":
		return tokenCreate(ctx, e, args[1:])
	case "revoke":
		if len(args) != 2 {
			return usageError{"usage: kinmap token revoke ID"}
		}
		store, err := e.openStore(ctx)
		if err != nil {
			return err
		}
		if err := store.RevokeToken(ctx, args[1], time.Now().UTC()); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "revoked %s\n", args[1])
		return nil
	case "list":
		store, err := e.openStore(ctx)
		if err != nil {
			return err
		}
		list, err := store.Tokens(ctx)
		if err != nil {
			return err
		}
		for _, t := range list {
			state := "active"
			if !t.ActiveAt(time.Now()) {
				state = "inactive"
			}
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\t%s\n", t.ID, t.User, t.Role, strings.Join(t.Teams, ","), state)
		}
		return nil
	}
	return usageError{"usage: kinmap token create|revoke|list ..."}
}

func tokenCreate(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	user := fs.String("user", "", "user name, as in case assignments (required)")
	role := fs.String("role", "", "worker, manager, reviewing_officer, evaluator or admin (required)")
	var teams listFlag
	fs.Var(&teams, "team", "a team the user belongs to (repeatable)")
	ttl := fs.Duration("expires", 0, "lifetime, e.g. 720h (default: never)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *user == "" || *role == "" {
		return usageError{"--user and --role are required"}
	}
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	t, secret, err := auth.IssueBy(ctx, store, operator(), *user, graph.Role(*role), teams, *ttl, time.Now().UTC())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "token %s for %s (%s); it is shown once, keep it safe:\n", t.ID, t.User, t.Role)
	fmt.Fprintln(e.stdout, secret)
	return nil
}

func cmdAudit(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var f graph.AuditFilter
	fs.StringVar(&f.Child, "child", "", "only events about this child")
	fs.StringVar(&f.User, "user", "", "only events by this user")
	var from, to graph.Date
	fs.Var(dateFlag{&from}, "from", "from this date (inclusive)")
	fs.Var(dateFlag{&to}, "to", "before this date (exclusive)")
	fs.IntVar(&f.Limit, "limit", 0, "at most this many events (default 1000)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	f.From, f.To = from.Time(), to.Time()
	if err := f.Validate(); err != nil {
		return usageError{err.Error()}
	}
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	events, err := store.Audit(ctx, f)
	if err != nil {
		return err
	}
	if limit := cmp.Or(f.Limit, graph.DefaultAuditLimit); len(events) >= limit {
		fmt.Fprintf(e.stderr, "kinmap audit: the first %d events; there may be more: narrow with --from and --to, or raise --limit\n", limit)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(events)
	}
	for _, ev := range events {
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", ev.At.Format(time.RFC3339), ev.User, ev.Role,
			ev.Action, ev.Child, ev.Audience, ev.Outcome, ev.Status, ev.RequestID)
	}
	return nil
}
