package neo4jstore_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// storeWithEverything holds a generated authority, the demo families
// (assessments and plan actions) and a relationship with history.
func storeWithEverything(t *testing.T) (*neo4jstore.Store, context.Context) {
	t.Helper()
	s, ctx := fresh(t)
	gen := fixtures.Generate(fixtures.GenConfig{Seed: 3, Children: 12})
	demo, err := fixtures.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []*graph.Document{&gen, &demo, family()} {
		mustImport(t, s, ctx, doc)
	}
	if err := s.CreateRelationship(ctx, palRel()); err != nil {
		t.Fatalf("CreateRelationship: %v", err)
	}
	upd := palRel()
	upd.FromView, upd.Contact = inClosest, monthly
	if err := s.UpdateRelationship(ctx, upd, d("2026-06-01")); err != nil {
		t.Fatalf("UpdateRelationship: %v", err)
	}
	return s, ctx
}

// inMemory is the export as it was before it was paged and streamed:
// one query each record type, then WriteDocument.
func inMemory(t *testing.T, s *neo4jstore.Store, ctx context.Context, indent string) (*graph.Document, []byte) {
	t.Helper()
	doc, err := s.ExportOneQueryEach(ctx)
	if err != nil {
		t.Fatalf("ExportOneQueryEach: %v", err)
	}
	var b bytes.Buffer
	if err := graph.WriteDocument(&b, doc, indent, nil); err != nil {
		t.Fatal(err)
	}
	return doc, b.Bytes()
}

// TestExportStreamWritesWhatExportWrites: byte for byte what the export
// of one query a record type wrote, indented or not, with pages that end
// inside a list (and one record a page), and done is told every record;
// Export, paged too, reads the same document.
func TestExportStreamWritesWhatExportWrites(t *testing.T) {
	s, ctx := storeWithEverything(t)
	for _, indent := range []string{"", "  "} {
		doc, want := inMemory(t, s, ctx, indent)
		if len(doc.Assessments) == 0 || len(doc.PlanActions) == 0 || len(doc.Assignments) == 0 {
			t.Fatal("the store holds no assessments, plan actions or assignments")
		}
		if !bytes.Contains(want, []byte(`"history"`)) {
			t.Fatal("the store holds no relationship with history")
		}
		for _, page := range []int{1, 7, 10_000} {
			restore := neo4jstore.SetExportPageSize(page)
			var got bytes.Buffer
			n := 0
			err := s.ExportStream(ctx, &got, indent, func(k int) { n = k })
			restore()
			if err != nil {
				t.Fatalf("page %d: ExportStream: %v", page, err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("indent %q, page %d: ExportStream differs from Export+WriteDocument:\n%.300s\nwant\n%.300s", indent, page, got.Bytes(), want)
			}
			if n != doc.Total() {
				t.Errorf("indent %q, page %d: done told %d records, want %d", indent, page, n, doc.Total())
			}
		}
	}
	doc, _ := inMemory(t, s, ctx, "")
	for _, page := range []int{7, 10_000} {
		restore := neo4jstore.SetExportPageSize(page)
		paged, err := s.Export(ctx)
		restore()
		if err != nil || !reflect.DeepEqual(paged, doc) {
			t.Errorf("page %d: Export (paged) differs from one query each type (err %v)", page, err)
		}
	}
	count, err := s.ExportCount(ctx)
	if err != nil || count != int64(doc.Total()) {
		t.Errorf("ExportCount: got %d, %v, want %d", count, err, doc.Total())
	}
}

// TestExportStreamOfAnEmptyStore is a document with [] lists (never null)
// that the strict reader takes.
func TestExportStreamOfAnEmptyStore(t *testing.T) {
	s, ctx := fresh(t)
	var got bytes.Buffer
	if err := s.ExportStream(ctx, &got, "", nil); err != nil {
		t.Fatalf("ExportStream: %v", err)
	}
	want := `{"format":"kinmap/v1","people":[],"households":[],"residences":[],"relationships":[],"contacts":[]}` + "\n"
	if got.String() != want {
		t.Errorf("empty export: got %s, want %s", got.String(), want)
	}
	var doc graph.Document
	if err := graph.DecodeJSON(got.Bytes(), &doc); err != nil {
		t.Errorf("empty export does not decode: %v", err)
	}
}

// TestExportStreamStopsWhenTheRecordsChange: a change committed between
// two pages ends the export with ErrExportMoved (a conflict).
func TestExportStreamStopsWhenTheRecordsChange(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, family())
	defer neo4jstore.SetExportPageSize(2)()
	changed := false
	var out bytes.Buffer
	err := s.ExportStream(ctx, &out, "", func(n int) {
		if n == 1 && !changed {
			changed = true
			if err := s.CreateRelationship(ctx, palRel()); err != nil {
				t.Fatalf("CreateRelationship: %v", err)
			}
		}
	})
	if !errors.Is(err, neo4jstore.ErrExportMoved) || !errors.Is(err, graph.ErrConflict) {
		t.Fatalf("export across a change: got %v, want ErrExportMoved (a conflict)", err)
	}
	if out.Len() != 0 {
		t.Errorf("export across a change wrote %d bytes to its writer, want none (still buffered)", out.Len())
	}
}

// TestExportPagesReadInIndexOrder: every page query seeks the id index
// and takes its order from it: no Sort or Top in the plan, so a page costs
// Neo4j a page of rows at any size.
func TestExportPagesReadInIndexOrder(t *testing.T) {
	_, ctx := storeWithEverything(t)
	sess := neo4jtest.Driver().NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	for list, q := range neo4jstore.ExportPageQueries() {
		res, err := sess.Run(ctx, "EXPLAIN "+q, map[string]any{"after": "", "page": 100})
		if err != nil {
			t.Fatalf("%s: EXPLAIN: %v", list, err)
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			t.Fatalf("%s: EXPLAIN: %v", list, err)
		}
		var ops []string
		var walk func(p neo4j.Plan)
		walk = func(p neo4j.Plan) {
			ops = append(ops, p.Operator())
			for _, c := range p.Children() {
				walk(c)
			}
		}
		walk(sum.Plan())
		plan := strings.Join(ops, " < ")
		if strings.Contains(plan, "Sort") || strings.Contains(plan, "Top") || !strings.Contains(plan, "IndexSeekByRange") {
			t.Errorf("%s: plan %s, want an index seek by range giving the order, no Sort or Top", list, plan)
		}
	}
}
