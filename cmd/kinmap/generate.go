package main

import (
	"context"
	"flag"
	"strconv"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
)

// cmdGenerate writes a synthetic authority (fixtures.Generate) as an
// import document: `kinmap generate --children N --seed S -o FILE`.
// Nothing in it is a real person.
func cmdGenerate(_ context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	children := fs.String("children", "", "looked-after children to generate (a whole number, 1 or more)")
	seed := fs.String("seed", "1", "seed of the generator (a whole number, 1 or more); the same seed gives the same file")
	asOf := graph.Date{}
	fs.Var(dateFlag{&asOf}, "as-of", "the day the data describes, YYYY-MM-DD (default "+fixtures.DefaultAsOf.String()+")")
	out := fs.String("o", "", "write to FILE instead of standard output")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{"unexpected argument " + strconv.Quote(fs.Arg(0))}
	}
	n, err := positive("--children", *children)
	if err != nil {
		return err
	}
	s, err := positive("--seed", *seed)
	if err != nil {
		return err
	}
	doc := fixtures.Generate(fixtures.GenConfig{Seed: uint64(s), Children: n, AsOf: asOf})
	return writeDocument(e, *out, &doc, "", "writing")
}

// maxGenerate bounds --children: a nation is about 100,000.
const maxGenerate = 1_000_000

// positive parses a flag's value as a whole number from 1 to maxGenerate.
func positive(name, v string) (int, error) {
	if v == "" {
		return 0, usageError{name + " is required (a whole number, 1 or more)"}
	}
	n, err := strconv.Atoi(v)
	switch {
	case err != nil:
		return 0, usageError{name + " must be a whole number, got " + strconv.Quote(v)}
	case n <= 0:
		return 0, usageError{name + " must be 1 or more, got " + v}
	case n > maxGenerate:
		return 0, usageError{name + " must be at most " + strconv.Itoa(maxGenerate) + ", got " + v}
	}
	return n, nil
}
