// Package golden compares test output with golden files, for the
// analysis, report and viz tests: go test PKG -update rewrites the files
// instead (then read the diff before committing it).
package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ instead of comparing with them")

// Updating reports whether the test run rewrites golden files (-update).
func Updating() bool { return *update }

// Check compares got with the golden file at path; with -update it
// writes got there instead (making its folder).
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden %s: %v (run go test -update to create it)", path, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: %s\n(run go test -update if the change is intended, and read the diff)", path, FirstDiff(got, want))
	}
}

// CheckJSON compares v, as indented JSON with a final newline, with the
// golden file at path.
func CheckJSON(t testing.TB, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatalf("marshal %s: %v", path, err)
	}
	Check(t, path, append(got, '\n'))
}

// FirstDiff describes the first line where got and want differ, "" when
// they are equal.
func FirstDiff(got, want []byte) string {
	if bytes.Equal(got, want) {
		return ""
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ": got " + clip(gl) + ", want " + clip(wl)
		}
	}
	return "same lines, other bytes"
}

func clip(s string) string {
	if len(s) > 160 {
		return strconv.Quote(s[:160]) + "…"
	}
	return strconv.Quote(s)
}
