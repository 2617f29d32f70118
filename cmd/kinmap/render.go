package main

import (
	"context"
	"flag"
	"os"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/viz"
	"github.com/kinmap/kinmap/viz/render"
)

func cmdRender(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	child := fs.String("child", "", "the child's id (required)")
	audience := fs.String("audience", "professional", "professional, family or child")
	format := fs.String("format", "svg", "svg, png or dot")
	out := fs.String("o", "", "write to FILE instead of standard output")
	group := fs.Bool("sibling-group", false, "draw the sibling-group map instead of the connection map")
	asOf, since := graph.Today(), graph.Date{}
	fs.Var(dateFlag{&asOf}, "as-of", "date of the map, YYYY-MM-DD (default today)")
	fs.Var(dateFlag{&since}, "since", "date of the last review: draw the review map")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *child == "" {
		return usageError{"--child is required"}
	}
	aud, err := viz.ParseAudience(*audience)
	if err != nil {
		return usageError{"--audience must be professional, family or child"}
	}
	f, err := viz.ParseFormat(*format)
	if err != nil {
		return usageError{"--format must be svg, png or dot"}
	}
	if !since.IsZero() && since.After(asOf) {
		return usageError{"--since must not be after --as-of"}
	}
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	var n *graph.Network
	if *group {
		n, err = store.SiblingNetwork(ctx, *child, asOf)
	} else {
		n, err = store.Network(ctx, *child, asOf)
	}
	if err != nil {
		return err
	}
	in := viz.Input{Network: n, Flags: analysis.Flags(n, analysis.DefaultOptions()), Audience: aud, Generated: graph.Today()}
	var dot []byte
	switch {
	case *group:
		g, ok := analysis.SiblingGroupOf(n, n.Child)
		if !ok {
			g = analysis.SiblingGroup{Members: []analysis.GroupMember{{Person: n.Child}}, Status: analysis.NotApplicable}
		}
		dot, err = viz.SiblingGroupDOT(in, g)
	case !since.IsZero():
		before, berr := store.Network(ctx, *child, since)
		if berr != nil {
			return berr
		}
		dot, err = viz.ReviewDOT(in, before, analysis.Review(before, n))
	default:
		dot, err = viz.ChildMapDOT(in)
	}
	if err != nil {
		return err
	}
	r := render.NewRenderer()
	defer r.Close()
	img, err := r.Render(ctx, dot, f)
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = e.stdout.Write(img)
		return err
	}
	return os.WriteFile(*out, img, 0o600)
}
