package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// dateFlag is a flag.Value holding a graph.Date.
type dateFlag struct{ d *graph.Date }

func (f dateFlag) String() string {
	if f.d == nil {
		return ""
	}
	return f.d.String()
}

func (f dateFlag) Set(s string) error {
	d, err := graph.ParseDate(s)
	if err != nil {
		return err
	}
	*f.d = d
	return nil
}

func cmdAnalyse(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("analyse", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	child := fs.String("child", "", "the child's id (required)")
	asOf, since := e.today(), graph.Date{}
	fs.Var(dateFlag{&asOf}, "as-of", "date of the analysis, YYYY-MM-DD (default today)")
	fs.Var(dateFlag{&since}, "since", "date of the last review: also list changes since then")
	asJSON := fs.Bool("json", false, "print JSON")
	lost := fs.Int("lost-after-days", analysis.DefaultLostAfterDays, "days without contact before a connection counts as lost")
	window := fs.Int("move-window-days", analysis.DefaultMoveWindowDays, "days after a move within which stopped contact counts as lost at the move")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *child == "" {
		return usageError{"--child is required"}
	}
	// Every bad value is reported, in the flags' order.
	var probs []string
	for _, f := range []struct {
		name string
		v    int
	}{{"--lost-after-days", *lost}, {"--move-window-days", *window}} {
		if f.v < 1 || f.v > 3650 {
			probs = append(probs, f.name+" must be from 1 to 3650")
		}
	}
	if !since.IsZero() && since.After(asOf) {
		probs = append(probs, "--since must not be after --as-of")
	}
	if len(probs) > 0 {
		return usageError{strings.Join(probs, "; ")}
	}
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	n, err := store.Network(ctx, *child, asOf)
	if err != nil {
		return err
	}
	res := analysis.Analyse(n, analysis.Options{LostAfterDays: *lost, MoveWindowDays: *window})
	var changes []analysis.Change
	if !since.IsZero() {
		before, err := store.Network(ctx, *child, since)
		if err != nil {
			return err
		}
		changes = analysis.Review(before, n)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			analysis.ChildAnalysis
			Changes []analysis.Change `json:"review_changes,omitempty"`
		}{res, changes})
	}
	return printAnalysis(e, n, res, changes)
}

func printAnalysis(e *env, n *graph.Network, res analysis.ChildAnalysis, changes []analysis.Change) error {
	ix := graph.NewIndex(n)
	name := func(id graph.ID) string {
		if p := ix.Person(id); p != nil {
			return p.DisplayName()
		}
		return id
	}
	w := e.stdout
	fmt.Fprintf(w, "Connections of %s as of %s\n\n", name(res.Child), res.AsOf)
	if len(res.Flags) == 0 {
		fmt.Fprintln(w, "No flags.")
	}
	for _, f := range res.Flags {
		fmt.Fprintf(w, "[%s] %s\n  %s\n", f.Severity, f.Kind, f.Explanation)
	}
	if g := res.SiblingGroup; g != nil {
		fmt.Fprintf(w, "\nSibling group (%s):\n", g.Status)
		for _, m := range g.Members {
			where := "household not recorded"
			if h := ix.Household(m.Household); h != nil {
				where = string(h.Kind)
				if h.Name != "" {
					where = h.Name + " (" + where + ")"
				}
			}
			la := ""
			if m.LookedAfter {
				la = ", looked after"
			}
			fmt.Fprintf(w, "  %s%s: %s\n", name(m.Person), la, where)
		}
	}
	if len(res.KeyPeople) > 0 {
		fmt.Fprintln(w, "\nKey people:")
		for _, k := range res.KeyPeople {
			fmt.Fprintf(w, "  %d. %s (betweenness %.2f, %d connections)\n", k.Rank, name(k.Person), k.Betweenness, k.Degree)
		}
	}
	if changes != nil {
		fmt.Fprintf(w, "\nChanges since the last review (%d):\n", len(changes))
		for _, c := range changes {
			fmt.Fprintf(w, "  %s: %s: %s\n", c.Kind, name(c.Person), c.Detail)
		}
	}
	return nil
}

// A report decodes the authority's projection into a network it keeps to
// the end: with the collector's default (a collection at every doubling of
// the heap, from a few MB) a third of a stored report's time at 12,000
// children went on collections that freed next to nothing (0.23 s against
// 0.16 s for the whole run, 99 MB against 105 MB at its peak). So the
// report lets the heap grow to five times what is live before collecting
// (unless GOGC says otherwise), within a soft limit (unless GOMEMLIMIT
// sets one) that keeps a nation's report under 1 GB.
const (
	reportGCPercent   = 400
	reportMemoryLimit = 768 << 20
)

func cmdReport(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asOf := e.today()
	var from, to graph.Date
	fs.Var(dateFlag{&asOf}, "as-of", "date of the report, YYYY-MM-DD (default today)")
	fs.Var(dateFlag{&from}, "from", "first date of a series, YYYY-MM-DD (with --to)")
	fs.Var(dateFlag{&to}, "to", "last date of a series, YYYY-MM-DD (with --from)")
	every := fs.String("every", "", "step of a series: quarter (the default with --from and --to)")
	format := fs.String("format", "json", "json, csv or html")
	recompute := fs.Bool("recompute", false, "read the records again rather than the report's stored projection (for a Neo4j written to other than through kinmap)")
	unsuppressed := fs.Bool("unsuppressed", false, "every count as recorded, without disclosure control: for the administrator only, never to publish")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *format != "json" && *format != "csv" && *format != "html" {
		return usageError{"--format must be json, csv or html"}
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	series := set["from"] || set["to"] || set["every"]
	if series {
		if err := seriesFlags(set, from, to, *every); err != nil {
			return err
		}
	}
	threshold := e.cfg.DisclosureThreshold
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(reportGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(reportMemoryLimit)
	}
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	if *recompute {
		if err := store.ForgetReportProjection(ctx); err != nil {
			return err
		}
	}
	if *unsuppressed {
		fmt.Fprintln(e.stderr, "kinmap report: UNSUPPRESSED figures, for the administrator only: not for publication or sharing")
	}
	if series {
		dates := analysis.QuarterDates(from, to)
		n, err := store.ReportAuthoritySeries(ctx, dates[len(dates)-1])
		if err != nil {
			return err
		}
		reps := analysis.SeriesReport(n, dates)
		pub := analysis.PublishSeries(from, to, reps, threshold)
		if *unsuppressed {
			pub = analysis.UnsuppressedSeries(from, to, reps)
		}
		return writeSeries(e.stdout, *format, pub)
	}
	n, err := store.ReportAuthority(ctx, asOf)
	if err != nil {
		return err
	}
	rep := analysis.SiblingPlacementReport(n)
	pub := analysis.Publish(rep, threshold)
	if *unsuppressed {
		pub = analysis.Unsuppressed(rep)
	}
	return writeReport(e.stdout, *format, pub)
}
