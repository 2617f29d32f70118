package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// An export (or a generated authority) written to a file appears there
// whole, readable by its owner only; one that fails part way leaves the
// file that was there as it was, and nothing else behind.
func TestWriteOutLeavesNoPartialFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.json")
	e := &env{stdout: io.Discard, stderr: io.Discard}
	whole := func(w io.Writer, done func(int)) error {
		_, err := io.WriteString(w, `{"format":"kinmap/v1"}`)
		done(1)
		return err
	}
	if err := writeOut(e, path, "exporting", 1, whole); err != nil {
		t.Fatalf("writeOut: %v", err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, []byte(`{"format":"kinmap/v1"}`)) {
		t.Fatalf("file: %q, %v", got, err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	boom := errors.New("the records changed")
	cut := func(w io.Writer, done func(int)) error {
		io.WriteString(w, `{"format":"kinmap/v1","people":[`)
		return boom
	}
	if err := writeOut(e, path, "exporting", 1, cut); !errors.Is(err, boom) {
		t.Fatalf("writeOut: got %v, want the write's error", err)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, got) {
		t.Errorf("the earlier file was changed by the failed export: %q", again)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, en := range entries {
			names = append(names, en.Name())
		}
		t.Errorf("files left: %v, want only export.json", names)
	}
}
