package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	for _, f := range []string{a, b} {
		if _, errs, code := kinmap(t, "generate", "--children", "40", "--seed", "7", "-o", f); code != 0 {
			t.Fatalf("generate: code %d: %s", code, errs)
		}
	}
	ra, _ := os.ReadFile(a)
	rb, _ := os.ReadFile(b)
	if !bytes.Equal(ra, rb) {
		t.Errorf("the same seed gave two different files")
	}
	var doc graph.Document
	dec := json.NewDecoder(bytes.NewReader(ra))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not an import document: %v", err)
	}
	la := 0
	for _, p := range doc.People {
		if p.LookedAfter {
			la++
		}
	}
	if doc.Format != graph.Format || la < 40 {
		t.Errorf("got format %q with %d looked-after people, want %q with at least 40", doc.Format, la, graph.Format)
	}
	if err := doc.Validate(nil); err != nil {
		t.Errorf("generated document does not validate: %v", err)
	}
	out, _, code := kinmap(t, "generate", "--children", "3", "--seed", "8")
	if code != 0 || !json.Valid([]byte(out)) {
		t.Errorf("generate to stdout: code %d, valid JSON %v", code, json.Valid([]byte(out)))
	}
}

func TestGenerateRefusesBadNumbers(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--children", "0"}, "--children must be 1 or more"},
		{[]string{"--children", "-5"}, "--children must be 1 or more"},
		{[]string{"--children", "ten"}, "--children must be a whole number"},
		{[]string{"--children", "1.5"}, "--children must be a whole number"},
		{[]string{}, "--children is required"},
		{[]string{"--children", "10", "--seed", "0"}, "--seed must be 1 or more"},
		{[]string{"--children", "10", "--seed", "-1"}, "--seed must be 1 or more"},
		{[]string{"--children", "10", "--seed", "abc"}, "--seed must be a whole number"},
		{[]string{"--children", "10", "extra"}, "unexpected argument"},
	} {
		out := filepath.Join(t.TempDir(), "out.json")
		_, errs, code := kinmap(t, append(append([]string{"generate"}, tc.args...), "-o", out)...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("generate %v: got code %d, %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("generate %v: wrote a file", tc.args)
		}
	}
}

// TestGenerateToAFullDiskFails: a document the disk will not take is an
// error (exit 1), not a file cut short reported as written.
func TestGenerateToAFullDiskFails(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Fatalf("this test needs /dev/full: %v", err)
	}
	if _, errs, code := kinmap(t, "generate", "--children", "5", "--seed", "1", "-o", "/dev/full"); code == 0 || errs == "" {
		t.Errorf("generate to /dev/full: exit %d (%q), want a failure saying why", code, errs)
	}
}
