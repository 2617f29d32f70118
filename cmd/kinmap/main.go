// Command kinmap is the family connections graph service: an HTTP API
// over Neo4j, plus command-line tools for import, export, analyses and
// maps. main only wires packages together.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/kinmap/kinmap/internal/buildinfo"
)

const usage = `kinmap: family connections for children in care

Usage:
  kinmap serve [--demo]              serve the API (KINMAP_ADDR, default :8080)
  kinmap import FILE                 validate and import a kinmap/v1 document
  kinmap export [-o FILE]            export everything as a kinmap/v1 document
  kinmap demo                        import the synthetic demo families
  kinmap generate --children N [--seed S] [--as-of DATE] [-o FILE]
                                     write a synthetic authority (import document)
  kinmap analyse --child ID [--as-of DATE] [--since DATE] [--json]
                [--lost-after-days 90] [--move-window-days 60]
                                     flags, sibling group and key people of a child
  kinmap report [--as-of DATE | --from DATE --to DATE --every quarter] [--format json|csv|html]
                                     authority sibling placement report
  kinmap render --child ID [--audience professional|family|child]
                [--format svg|png|dot] [--as-of DATE] [--since DATE]
                [--sibling-group] [-o FILE]
                                     a connection, review or sibling-group map
  kinmap token create --user NAME --role ROLE [--team T ...] [--expires 720h]
  kinmap token revoke ID | kinmap token list
                                     API tokens (shown once, stored as a hash)
  kinmap audit [--child ID] [--user NAME] [--from DATE] [--to DATE] [--json]
                                     the audit trail
  kinmap version                     the build: module version, commit, Go version

Configuration comes from the environment; see README.md.
`

// command is one subcommand.
type command func(ctx context.Context, env *env, args []string) error

var commands = map[string]command{
	"serve":   cmdServe,
	"import":  cmdImport,
	"export":  cmdExport,
	"demo":    cmdDemo,
	"analyse": cmdAnalyse,
	"analyze": cmdAnalyse,
	"report":  cmdReport,
	"render":  cmdRender,
	"token":   cmdToken,
	"audit":   cmdAudit,

	"generate": cmdGenerate,
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(stdout, buildinfo.Read())
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "kinmap: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	cfg, err := loadConfig(os.Environ())
	if err != nil {
		fmt.Fprintf(stderr, "kinmap: configuration:\n%v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := newEnv(stdout, stderr, cfg)
	defer e.close()
	ctx, change := cliChange(ctx, args)
	err = cmd(ctx, e, args[1:])
	if aerr := auditCLI(ctx, e, args, err, change); aerr != nil {
		fmt.Fprintf(stderr, "kinmap %s: %v\n", args[0], errAuditCLI)
		if err == nil {
			return 1
		}
	}
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "kinmap %s: %v\n", args[0], err)
			return 2
		}
		fmt.Fprintf(stderr, "kinmap %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// logger returns the JSON logger: ids and request ids only, never names.
func logger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}
