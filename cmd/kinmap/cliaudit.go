package main

import (
	"context"
	"errors"
	"os"
	"os/user"
	"slices"
	"strings"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/viz"
)

// unaudited commands touch no record on their own (serve audits each
// request itself).
var unaudited = map[string]bool{"serve": true}

// auditCLI appends the audit event of a finished command that opened the
// store: the operator as "cli:USER" with the admin role, the action
// "cli_" and the command (and sub-command), the child and map audience
// named on the command line, and whether it succeeded. Commands that
// never reached Neo4j (usage errors, unreadable files) leave no event.
//
// A command's change (an import, a token) carries the event into its own
// transaction (change, see cliChange); auditCLI then appends only for a
// command that changed nothing or failed.
func auditCLI(ctx context.Context, e *env, args []string, cmdErr error, change *graph.ChangeAudit) error {
	if e.store == nil || unaudited[args[0]] || (change.Committed() && cmdErr == nil) {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return e.store.AppendAudit(ctx, cliEvent(args, cmdErr))
}

// cliChange returns ctx carrying the audit event of the command's change
// (nil for unaudited commands).
func cliChange(ctx context.Context, args []string) (context.Context, *graph.ChangeAudit) {
	if unaudited[args[0]] {
		return ctx, nil
	}
	a := &graph.ChangeAudit{Event: func() graph.AuditEvent { return cliEvent(args, nil) }}
	return graph.WithChangeAudit(ctx, a), a
}

// cliEvent is the audit event of command args that ended with cmdErr.
func cliEvent(args []string, cmdErr error) graph.AuditEvent {
	action := "cli_" + args[0]
	if args[0] == "token" && len(args) > 1 && (args[1] == "create" || args[1] == "revoke" || args[1] == "list") {
		action += "_" + args[1]
	}
	ev := graph.AuditEvent{ID: graph.NewAuditID(), At: time.Now().UTC(), User: operator(), Role: graph.RoleAdmin,
		Action: action, Outcome: graph.OutcomeAllowed, Credential: "cli"}
	if cmdErr != nil {
		ev.Outcome = graph.OutcomeError
	}
	if id := flagValue(args[1:], "child"); graph.ValidID(id) {
		ev.Child = id
	}
	if args[0] == "render" {
		ev.Audience = flagValue(args[1:], "audience")
		if ev.Audience == "" {
			ev.Audience = string(viz.Professional)
		}
		if !slices.Contains(viz.Audiences, viz.Audience(ev.Audience)) {
			ev.Audience = ""
		}
	}
	return ev
}

// operator names the person running the command line.
func operator() string {
	name := os.Getenv("USER")
	if u, err := user.Current(); err == nil && u.Username != "" {
		name = u.Username
	}
	if name == "" {
		name = "unknown"
	}
	return "cli:" + name
}

// flagValue returns the value of --name or -name (as "--name V" or
// "--name=V") in args, or "".
func flagValue(args []string, name string) string {
	for i, a := range args {
		a = strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v
		}
		if a == name && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

// errAuditCLI is returned when a command's audit event cannot be stored.
var errAuditCLI = errors.New("the audit trail could not record this command")
