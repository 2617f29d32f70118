package main

import (
	"context"
	"flag"
	"os"
	"strings"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/graph"
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
	asOf, since := e.today(), graph.Date{}
	fs.Var(dateFlag{&asOf}, "as-of", "date of the map, YYYY-MM-DD (default today)")
	fs.Var(dateFlag{&since}, "since", "date of the last review: draw the review map")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *child == "" {
		return usageError{"--child is required"}
	}
	f, err := viz.ParseFormat(*format)
	if err != nil {
		return usageError{"--format must be svg, png or dot"}
	}
	req := api.MapRequest{Child: *child, Group: *group, Audience: viz.Audience(*audience), AsOf: asOf, Since: since, Generated: e.today()}
	if aud, err := viz.ParseAudience(*audience); err == nil {
		req.Audience = aud
	}
	if err := req.Validate(); err != nil {
		return usageError{flagProblems(err)}
	}
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	dot, err := api.MapDOT(ctx, store, req)
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

// flagProblems words a request's field errors as flags ("since: must
// not be after as_of" becomes "--since must not be after --as-of").
func flagProblems(err error) string {
	var out []string
	for _, f := range graph.Fields(err) {
		out = append(out, flagName(f.Field)+" "+strings.ReplaceAll(f.Message, "as_of", "--as-of"))
	}
	if len(out) == 0 {
		return err.Error()
	}
	return strings.Join(out, "; ")
}

func flagName(field string) string { return "--" + strings.ReplaceAll(field, "_", "-") }
