package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// kinmap report: the quarterly series and the three formats, every one
// disclosure-controlled; bad series flags exit 2 naming the flag, before
// the store is read.
func TestReportSeriesAndFormats(t *testing.T) {
	neo4jtest.Reset(t)
	if _, errs, code := kinmap(t, "demo"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	out, errs, code := kinmap(t, "report", "--from", "2025-11-01", "--to", "2026-11-01", "--every", "quarter")
	var s struct {
		Every      string `json:"every"`
		Disclosure struct {
			Suppressed bool `json:"suppressed"`
		} `json:"disclosure"`
		Points []struct {
			AsOf       string `json:"as_of"`
			Disclosure struct {
				Suppressed bool `json:"suppressed"`
			} `json:"disclosure"`
		} `json:"points"`
	}
	if err := json.Unmarshal([]byte(out), &s); code != 0 || err != nil {
		t.Fatalf("series: code %d, %v\n%s%s", code, err, out, errs)
	}
	if s.Every != "quarter" || !s.Disclosure.Suppressed || len(s.Points) != 5 || s.Points[4].AsOf != "2026-11-01" || !s.Points[2].Disclosure.Suppressed {
		t.Errorf("series: got %+v, want 5 controlled quarterly points to 2026-11-01", s)
	}
	out, _, code = kinmap(t, "report", "--from", "2025-11-01", "--to", "2026-11-01", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "as_of,breakdown,category,measure,value\n") || !strings.Contains(out, "\n2026-02-01,all,all,looked_after_children,") ||
		!strings.Contains(out, "disclosure,suppressed") {
		t.Errorf("series csv: code %d\n%.800s", code, out)
	}
	out, _, code = kinmap(t, "report", "--as-of", "2026-11-01", "--format", "html")
	if code != 0 || !strings.Contains(out, "<svg") || strings.Contains(strings.ToLower(out), "<script") || !strings.Contains(out, "Disclosure control") {
		t.Errorf("html: code %d\n%.600s", code, out)
	}
	out, errs, code = kinmap(t, "report", "--from", "2025-11-01", "--to", "2026-11-01", "--format", "html", "--unsuppressed")
	if code != 0 || !strings.Contains(out, "UNSUPPRESSED") || !strings.Contains(errs, "UNSUPPRESSED") || !strings.Contains(out, "Over time") {
		t.Errorf("unsuppressed html series: code %d %s", code, errs)
	}
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"--from", "2026-11-01", "--to", "2025-11-01"}, "--from"},
		{[]string{"--from", "2026-11-01"}, "--to"},
		{[]string{"--to", "2026-11-01"}, "--from"},
		{[]string{"--from", "2026-02-30", "--to", "2026-11-01"}, "-from"},
		{[]string{"--from", "2025-11-01", "--to", "2026-11-01", "--every", "month"}, "--every"},
		{[]string{"--from", "2025-11-01", "--to", "2026-11-01", "--as-of", "2026-01-01"}, "--as-of"},
		{[]string{"--from", "1990-01-01", "--to", "2026-11-01"}, "--to"},
		{[]string{"--format", "pdf"}, "--format"},
	} {
		if _, errs, code := kinmap(t, append([]string{"report"}, tc.args...)...); code != 2 || !strings.Contains(errs, tc.flag) {
			t.Errorf("report %v: got code %d %q, want 2 naming %s", tc.args, code, errs, tc.flag)
		}
	}
}

// kinmap import leaves the report's projection stored, and says so;
// kinmap report --recompute drops it and reads the records again (storing
// their projection anew), with the same figures.
func TestImportPreparesTheReportProjection(t *testing.T) {
	neo4jtest.Reset(t)
	file := writeDemo(t)
	_, errs, code := kinmap(t, "import", file)
	if code != 0 || !strings.Contains(errs, "report projection ready") {
		t.Fatalf("import: code %d, %s", code, errs)
	}
	if neo4jtest.StoredProjections(t) == 0 {
		t.Fatal("no projection stored after the import")
	}
	stored, errs, code := kinmap(t, "report", "--as-of", "2026-11-01", "--unsuppressed")
	if code != 0 {
		t.Fatalf("report: code %d, %s", code, errs)
	}
	again, errs, code := kinmap(t, "report", "--as-of", "2026-11-01", "--unsuppressed", "--recompute")
	if code != 0 || again != stored {
		t.Errorf("report --recompute: code %d, %s\n got %s\nwant %s", code, errs, again, stored)
	}
	if neo4jtest.StoredProjections(t) == 0 {
		t.Error("no projection stored after report --recompute")
	}
}

// writeDemo writes the demo families as a document file and returns its path.
func writeDemo(t *testing.T) string {
	t.Helper()
	doc, err := fixtures.All()
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "demo.json")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}
