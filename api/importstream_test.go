package api_test

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestImportTakesWhatExportGives: a generated authority posted to
// /import, exported, and the export posted into an emptied store gives the
// same export; posting it again changes nothing. Each import leaves the
// report's projection stored.
func TestImportTakesWhatExportGives(t *testing.T) {
	c := newClient(t).as(admin)
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 3, Children: 15})
	if res := c.do("POST", "/api/v1/import", &doc, ""); res.Status != http.StatusOK {
		t.Fatalf("import: %d %s", res.Status, res.Body)
	}
	if neo4jtest.StoredProjections(t) == 0 {
		t.Errorf("no report projection stored after the import")
	}
	first := c.do("GET", "/api/v1/export", nil, "")
	if first.Status != http.StatusOK {
		t.Fatalf("export: %d %s", first.Status, first.Body)
	}
	n1, r1 := neo4jtest.Counts(t)
	neo4jtest.Reset(t)
	if res := c.do("POST", "/api/v1/import", first.Body, ""); res.Status != http.StatusOK {
		t.Fatalf("import of the export: %d %s", res.Status, res.Body)
	}
	if n, r := neo4jtest.Counts(t); n != n1 || r != r1 {
		t.Errorf("after importing the export: %d/%d records, want %d/%d", n, r, n1, r1)
	}
	again := c.do("POST", "/api/v1/import", first.Body, "")
	if again.Status != http.StatusOK {
		t.Fatalf("second import: %d %s", again.Status, again.Body)
	}
	second := c.do("GET", "/api/v1/export", nil, "")
	if !bytes.Equal(first.Body, second.Body) {
		t.Errorf("the export changed through import -> export -> import")
	}
}
