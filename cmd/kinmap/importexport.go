package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

func cmdImport(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"usage: kinmap import FILE"}
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	// As strict as the API's decoding, with the same field errors.
	var d graph.Document
	if err := graph.DecodeJSON(data, &d); err != nil {
		for _, fe := range graph.Fields(err) {
			fmt.Fprintf(e.stderr, "  %s\n", fe)
		}
		return fmt.Errorf("%s: nothing was imported: %w", args[0], err)
	}
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	sum, err := store.Import(ctx, &d)
	if incomplete := new(graph.ImportIncompleteError); errors.As(err, &incomplete) {
		return err
	}
	if err != nil {
		for _, fe := range graph.Fields(err) {
			fmt.Fprintf(e.stderr, "  %s\n", fe)
		}
		return fmt.Errorf("nothing was imported: %w", err)
	}
	return printSummary(e, sum)
}

func printSummary(e *env, sum graph.ImportSummary) error {
	c := sum.Counts
	_, err := fmt.Fprintf(e.stdout, "imported %d people, %d households, %d residences, %d relationships, %d contacts, %d assignments, %d assessments, %d plan actions in %d transaction(s)\n",
		c["people"], c["households"], c["residences"], c["relationships"], c["contacts"], c["assignments"], c["assessments"], c["plan_actions"], sum.Transactions)
	return err
}

func cmdExport(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "", "write to FILE instead of standard output")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	d, err := store.Export(ctx)
	if err != nil {
		return err
	}
	w := e.stdout
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

func cmdDemo(ctx context.Context, e *env, args []string) error {
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	return importDemo(ctx, e, store)
}

// importDemo loads the synthetic fixture families (idempotent).
func importDemo(ctx context.Context, e *env, store *neo4jstore.Store) error {
	d, err := fixtures.All()
	if err != nil {
		return err
	}
	sum, err := store.Import(ctx, &d)
	if err != nil {
		return fmt.Errorf("demo data: %w", err)
	}
	fmt.Fprint(e.stdout, "demo data: ")
	return printSummary(e, sum)
}
