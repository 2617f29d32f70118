package neo4jstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

func opener(b []byte) neo4jstore.Opener {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
}

func generated(t *testing.T, children int) []byte {
	t.Helper()
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 7, Children: children})
	b, err := json.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func exported(t *testing.T, s *neo4jstore.Store, ctx context.Context) *graph.Document {
	t.Helper()
	d, err := s.Export(ctx)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	return d
}

// TestImportStreamBatchedGivesWhatImportGives: the streamed import, in
// batches, stores what the in-memory import stores, and re-importing the
// unchanged document writes nothing (no transaction, same store version).
func TestImportStreamBatchedGivesWhatImportGives(t *testing.T) {
	b := generated(t, 20)
	s, ctx := fresh(t)
	var doc graph.Document
	if err := graph.DecodeJSON(b, &doc); err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, ctx, &doc)
	want := exported(t, s, ctx)
	wn, wr := neo4jtest.Counts(t)

	s, ctx = fresh(t)
	s.SetBatching(100, 37)
	sum, err := s.ImportStream(ctx, opener(b), int64(len(b)), nil)
	if err != nil {
		t.Fatalf("ImportStream: %v", err)
	}
	if sum.Transactions < 10 || !reflect.DeepEqual(sum.Counts, doc.Counts()) {
		t.Errorf("summary: got %+v, want batches and counts %v", sum, doc.Counts())
	}
	if n, r := neo4jtest.Counts(t); n != wn || r != wr {
		t.Errorf("counts: got %d/%d, want %d/%d", n, r, wn, wr)
	}
	if got := exported(t, s, ctx); !reflect.DeepEqual(got, want) {
		t.Errorf("streamed import stores another authority than Import")
	}
	v1, _ := s.Version(ctx)
	again, err := s.ImportStream(ctx, opener(b), int64(len(b)), nil)
	if err != nil {
		t.Fatalf("second ImportStream: %v", err)
	}
	if v2, _ := s.Version(ctx); again.Transactions != 0 || v2 != v1 {
		t.Errorf("unchanged re-import: got %d transactions, version %s -> %s; want none and the same version", again.Transactions, v1, v2)
	}
	// One changed record: one batch written.
	doc.People[3].Notes = "synthetic: changed"
	b2, _ := json.Marshal(&doc)
	third, err := s.ImportStream(ctx, opener(b2), 0, nil)
	if err != nil || third.Transactions != 1 {
		t.Errorf("re-import with one change: got %d transactions, %v; want 1", third.Transactions, err)
	}
}

// TestImportStreamResumesAfterInterruption: an import cancelled half way
// stores part of the document and says so; running it again completes it
// with exactly the records of a clean import, none twice, none lost.
func TestImportStreamResumesAfterInterruption(t *testing.T) {
	b := generated(t, 20)
	s, ctx := fresh(t)
	s.SetBatching(100, 50)
	if _, err := s.ImportStream(ctx, opener(b), 0, nil); err != nil {
		t.Fatalf("clean ImportStream: %v", err)
	}
	want := exported(t, s, ctx)
	wn, wr := neo4jtest.Counts(t)

	s, ctx = fresh(t)
	s.SetBatching(100, 50)
	cut, cancel := context.WithCancel(ctx)
	_, err := s.ImportStream(cut, opener(b), 0, func(phase string, done, total int64) {
		if phase == neo4jstore.PhaseImporting && done >= total/2 {
			cancel()
		}
	})
	var incomplete *graph.ImportIncompleteError
	if !errors.As(err, &incomplete) || incomplete.Batch < 2 {
		t.Fatalf("interrupted import: got %v, want an ImportIncompleteError past batch 1", err)
	}
	if n, r := neo4jtest.Counts(t); n+r >= wn+wr || n+r == 0 {
		t.Errorf("interrupted import stored %d/%d, want part of %d/%d", n, r, wn, wr)
	}
	if _, err := s.ImportStream(ctx, opener(b), 0, nil); err != nil {
		t.Fatalf("re-run: %v", err)
	}
	if n, r := neo4jtest.Counts(t); n != wn || r != wr {
		t.Errorf("after the re-run: got %d/%d, want %d/%d", n, r, wn, wr)
	}
	if got := exported(t, s, ctx); !reflect.DeepEqual(got, want) {
		t.Errorf("after the re-run the store differs from a clean import")
	}
}

// TestImportStreamRefusesBadDocuments: each problem is named by its field
// and nothing is written; a document with its edges before its people is
// imported all the same.
func TestImportStreamRefusesBadDocuments(t *testing.T) {
	s, ctx := fresh(t)
	s.SetBatching(3, 2)
	if _, err := s.ImportStream(ctx, opener([]byte(`{"contacts":[{"id":"o-c1","from":"o-a","to":"o-b","date":"2024-01-01","kind":"call"}],
"people":[{"id":"o-a","full_name":"A"},{"id":"o-b","full_name":"B"},{"id":"o-c","full_name":"C"}],"format":"kinmap/v1"}`)), 0, nil); err != nil {
		t.Fatalf("edges first: %v", err)
	}
	n0, r0 := neo4jtest.Counts(t)
	if n0 != 3 || r0 != 1 {
		t.Fatalf("edges first: got %d/%d, want 3/1", n0, r0)
	}
	for _, c := range []struct{ doc, field string }{
		{`{"format":"kinmap/v1","people":[{"id":"x1","full_name":"A"},{"id":"x1","full_name":"B"}]}`, "people[1].id"},
		{`{"format":"kinmap/v1","people":[{"id":"x1","full_name":"A"}],"relationships":[{"id":"x-r","from":"x1","to":"ghost","kind":"friend"}]}`, "relationships[0].to"},
		{`{"format":"kinmap/v1","people":[{"id":"x1","full_name":"A","FULL_NAME":"B"}]}`, "people[0].FULL_NAME"},
		{`{"format":"kinmap/v1","people":[{"id":"x1","full_name":"A","date_of_birth":"2020-02-30"}]}`, "people[0].date_of_birth"},
		{`{"format":"kinmap/v2","people":[]}`, "format"},
		{`{"format":"kinmap/v1","people":[],"people":[]}`, "people"},
		{`{"format":"kinmap/v1","pets":[]}`, "pets"},
		{`{"format":"kinmap/v1","contacts":[{"id":"o-c1","from":"o-a","to":"o-c","date":"2024-01-01","kind":"call"}]}`, "contacts[0].id"},
	} {
		_, err := s.ImportStream(ctx, opener([]byte(c.doc)), 0, nil)
		if fs := graph.Fields(err); len(fs) == 0 || fs[0].Field != c.field {
			t.Errorf("%s: got %v, want a problem on %s", c.doc, err, c.field)
		}
	}
	if _, err := s.ImportStream(ctx, opener([]byte(`{"format":"kinmap/v1","people":[`)), 0, nil); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("cut short: got %v, want ErrInvalid", err)
	}
	if n, r := neo4jtest.Counts(t); n != n0 || r != r0 {
		t.Errorf("refused imports wrote: got %d/%d, want %d/%d", n, r, n0, r0)
	}
}

// TestImportStreamInOneTransactionWritesOnlyChanges: a document under the
// single-transaction limit, imported again unchanged, writes nothing; with
// one record changed, one transaction.
func TestImportStreamInOneTransactionWritesOnlyChanges(t *testing.T) {
	s, ctx := fresh(t)
	doc := family()
	b, _ := json.Marshal(doc)
	if sum, err := s.ImportStream(ctx, opener(b), 0, nil); err != nil || sum.Transactions != 1 {
		t.Fatalf("first import: %+v, %v", sum, err)
	}
	n1, r1 := neo4jtest.Counts(t)
	v1, _ := s.Version(ctx)
	sum, err := s.ImportStream(ctx, opener(b), 0, nil)
	if v2, _ := s.Version(ctx); err != nil || sum.Transactions != 0 || v2 != v1 {
		t.Errorf("unchanged re-import: %+v, %v, version %s -> %s; want no transaction, the same version", sum, err, v1, v2)
	}
	doc.Contacts[0].Notes = "synthetic: changed"
	b, _ = json.Marshal(doc)
	if sum, err := s.ImportStream(ctx, opener(b), 0, nil); err != nil || sum.Transactions != 1 {
		t.Errorf("one change: %+v, %v; want one transaction", sum, err)
	}
	if n, r := neo4jtest.Counts(t); n != n1 || r != r1 {
		t.Errorf("re-imports: got %d/%d, want %d/%d", n, r, n1, r1)
	}
	got := exported(t, s, ctx)
	want := family()
	want.Contacts[0].Notes = "synthetic: changed"
	want.Sort()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after the re-imports the store differs from the document")
	}
}

// TestImportStreamTakesAssessmentsAndPlanActions: the fixture families'
// assessments and plan actions come through the streamed import, in one
// transaction and in batches, as Import stores them; an unchanged
// re-import writes nothing; an assessment naming nobody is refused by its
// field, with nothing written.
func TestImportStreamTakesAssessmentsAndPlanActions(t *testing.T) {
	doc, err := fixtures.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Assessments) == 0 || len(doc.PlanActions) == 0 {
		t.Fatalf("the fixture families hold %d assessments and %d plan actions; want some of each", len(doc.Assessments), len(doc.PlanActions))
	}
	b, err := json.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	s, ctx := fresh(t)
	mustImport(t, s, ctx, &doc)
	want := exported(t, s, ctx)
	for _, batched := range []bool{false, true} {
		s, ctx = fresh(t)
		if batched {
			s.SetBatching(50, 7)
		}
		sum, err := s.ImportStream(ctx, opener(b), int64(len(b)), nil)
		if err != nil {
			t.Fatalf("ImportStream (batched %v): %v", batched, err)
		}
		if sum.Counts["assessments"] != len(doc.Assessments) || sum.Counts["plan_actions"] != len(doc.PlanActions) {
			t.Errorf("batched %v: counts %v, want %d assessments and %d plan actions", batched, sum.Counts, len(doc.Assessments), len(doc.PlanActions))
		}
		got := exported(t, s, ctx)
		if !reflect.DeepEqual(got.Assessments, want.Assessments) || !reflect.DeepEqual(got.PlanActions, want.PlanActions) {
			t.Errorf("batched %v: the streamed import stores other assessments or plan actions than Import", batched)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("batched %v: the streamed import stores another document than Import", batched)
		}
		again, err := s.ImportStream(ctx, opener(b), 0, nil)
		if err != nil || again.Transactions != 0 {
			t.Errorf("batched %v: unchanged re-import: %d transactions, %v; want none", batched, again.Transactions, err)
		}
	}
	bad := doc
	bad.Assessments = append([]graph.Assessment(nil), doc.Assessments...)
	bad.Assessments[0].Child = "nobody-here"
	bb, _ := json.Marshal(&bad)
	s, ctx = fresh(t)
	n0, r0 := neo4jtest.Counts(t)
	_, err = s.ImportStream(ctx, opener(bb), 0, nil)
	if fs := graph.Fields(err); len(fs) == 0 || fs[0].Field != "assessments[0].child" {
		t.Errorf("assessment of nobody: got %v, want a problem on assessments[0].child", err)
	}
	if n, r := neo4jtest.Counts(t); n != n0 || r != r0 {
		t.Errorf("a refused import wrote: got %d/%d, want %d/%d", n, r, n0, r0)
	}
}

// TestImportStreamRefusesEdgesStoredBetweenOthers: edges whose ids are
// stored between other ends, found by compare queries running alongside
// the reading of the file (several batches in flight), are each refused
// by their place in the document, in document order, and nothing is
// written.
func TestImportStreamRefusesEdgesStoredBetweenOthers(t *testing.T) {
	b := generated(t, 20)
	s, ctx := fresh(t)
	s.SetBatching(100, 37)
	if _, err := s.ImportStream(ctx, opener(b), 0, nil); err != nil {
		t.Fatalf("ImportStream: %v", err)
	}
	var doc graph.Document
	if err := graph.DecodeJSON(b, &doc); err != nil {
		t.Fatal(err)
	}
	moved := []int{3, 120, len(doc.Relationships) - 1}
	for _, i := range moved {
		r := &doc.Relationships[i]
		for _, p := range doc.People { // another person, not the other end
			if p.ID != r.From && p.ID != r.To && !p.Pet {
				r.To = p.ID
				break
			}
		}
	}
	doc.Contacts[40].From, doc.Contacts[40].To = doc.Contacts[40].To, doc.Contacts[40].From
	b2, _ := json.Marshal(&doc)
	v1, _ := s.Version(ctx)
	_, err := s.ImportStream(ctx, opener(b2), 0, nil)
	var probs graph.Problems
	if !errors.As(err, &probs) || !errors.Is(err, graph.ErrConflict) {
		t.Fatalf("got %v, want conflicts", err)
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.Field)
	}
	want := []string{"relationships[3].id", "relationships[120].id", fmt.Sprintf("relationships[%d].id", moved[2]), "contacts[40].id"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields: got %v, want %v", got, want)
	}
	if v2, _ := s.Version(ctx); v2 != v1 {
		t.Errorf("store version %s -> %s: something was written", v1, v2)
	}
}
