package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// importMemoryLimit is the Go heap's soft limit while importing (unless
// GOMEMLIMIT sets one): what an import holds is the id sets of the check
// (tens of bytes per record) and one batch, and without a limit the
// collector lets the heap grow to twice that before it runs.
const importMemoryLimit = 320 << 20

func cmdImport(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"usage: kinmap import FILE"}
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(importMemoryLimit)
	}
	file := args[0]
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	store, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	// Streamed: checked record by record as strictly as the API's
	// decoding (the same field errors), then written in batches.
	open := func() (io.ReadCloser, error) { return os.Open(file) }
	report, done := importProgress(e.stderr)
	sum, err := store.ImportStream(ctx, open, info.Size(), report)
	done()
	if incomplete := new(graph.ImportIncompleteError); errors.As(err, &incomplete) {
		return err
	}
	if err != nil {
		for _, fe := range graph.Fields(err) {
			fmt.Fprintf(e.stderr, "  %s\n", fe)
		}
		return fmt.Errorf("nothing was imported: %w", err)
	}
	if err := printSummary(e, sum); err != nil {
		return err
	}
	// The import has landed whatever happens next: a projection not
	// prepared now is made by the next report.
	start := time.Now()
	if err := store.PrepareReportProjection(ctx); err != nil {
		fmt.Fprintf(e.stderr, "kinmap import: the report's projection was not prepared (the next report makes it): %v\n", err)
		return nil
	}
	fmt.Fprintf(e.stderr, "report projection ready in %.1fs\n", time.Since(start).Seconds())
	return nil
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
	// The export streams: pages of records are read from the store and
	// written out one after the other, so memory stays bounded at any size.
	total, err := store.ExportCount(ctx)
	if err != nil {
		return err
	}
	return writeOut(e, *out, "exporting", total, func(w io.Writer, done func(int)) error {
		return store.ExportStream(ctx, w, "  ", done)
	})
}

// writeDocument writes d to the file path (stdout when "") a record at a
// time, with progress on stderr.
func writeDocument(e *env, path string, d *graph.Document, indent, label string) error {
	return writeOut(e, path, label, int64(d.Total()), func(w io.Writer, done func(int)) error {
		return graph.WriteDocument(w, d, indent, done)
	})
}

// writeOut writes a document of about total records to the file path
// (stdout when "") through write, with progress on stderr (see openOut
// for the file).
func writeOut(e *env, path, label string, total int64, write func(w io.Writer, done func(records int)) error) (err error) {
	w := e.stdout
	if path != "" {
		f, done, oerr := openOut(path)
		if oerr != nil {
			return oerr
		}
		defer func() { err = done(err) }()
		w = f
	}
	p := newProgress(e.stderr, label, "records", false, total)
	if err := write(w, func(n int) { p.set(int64(n)) }); err != nil {
		return err
	}
	p.finish()
	return nil
}

// openOut opens the file path to write a document to, and returns with
// it what to call with the writing's error when it is done, which returns
// the error to report. A regular file (or none yet) is written under a
// temporary name beside it and renamed to path only once it is whole and
// closed: a document that fails part way leaves nothing behind, and a
// file already at path as it was. Anything else (a device, a pipe) is
// written in place. Either way a write the disk refuses at close is an
// error, not a file cut short.
func openOut(path string) (io.Writer, func(error) error, error) {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, nil, err
		}
		return f, func(err error) error { return errors.Join(err, f.Close()) }, nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return nil, nil, err
	}
	return f, func(err error) error {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(f.Name(), path)
		}
		if err != nil {
			os.Remove(f.Name())
		}
		return err
	}, nil
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
