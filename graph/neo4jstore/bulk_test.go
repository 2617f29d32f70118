package neo4jstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

func TestImportTwiceCreatesNoDuplicates(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, family())
	n1, r1 := neo4jtest.Counts(t)
	mustImport(t, s, ctx, family())
	n2, r2 := neo4jtest.Counts(t)
	if n1 != n2 || r1 != r2 {
		t.Errorf("second import: got %d nodes %d rels, want %d and %d", n2, r2, n1, r1)
	}
	// 8 people + 3 households + 1 worker + 1 assessment + 1 plan action;
	// 5 + 8 + 3 + 1 + 1 + 1 relationships.
	if n1 != 14 || r1 != 19 {
		t.Errorf("after import: got %d nodes %d rels, want 14 and 19", n1, r1)
	}
}

func TestImportExportImportIsLossless(t *testing.T) {
	s, ctx := fresh(t)
	want := family()
	want.Sort()
	mustImport(t, s, ctx, want)
	got, err := s.Export(ctx)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		gj, _ := json.MarshalIndent(got, "", " ")
		wj, _ := json.MarshalIndent(want, "", " ")
		t.Fatalf("export differs from import:\ngot  %s\nwant %s", gj, wj)
	}
	if third := reimport(t, s, ctx, got); !reflect.DeepEqual(third, want) {
		t.Errorf("import -> export -> import -> export lost data")
	}
}

// reimport sends an export through JSON into an emptied database and
// exports it again.
func reimport(t *testing.T, s *neo4jstore.Store, ctx context.Context, exported *graph.Document) *graph.Document {
	t.Helper()
	b, _ := json.Marshal(exported)
	var again graph.Document
	if err := json.Unmarshal(b, &again); err != nil {
		t.Fatalf("unmarshal export: %v", err)
	}
	neo4jtest.Reset(t)
	mustImport(t, s, ctx, &again)
	out, err := s.Export(ctx)
	if err != nil {
		t.Fatalf("second Export: %v", err)
	}
	return out
}

// TestImportExportKeepsHistory: a relationship's history is written as
// the document gives it and exported as stored.
func TestImportExportKeepsHistory(t *testing.T) {
	s, ctx := fresh(t)
	want := family()
	want.Sort()
	i := slices.IndexFunc(want.Relationships, func(r graph.Relationship) bool { return r.ID == "t-rel3" })
	want.Relationships[i].History = []graph.Version{
		{Until: d("2019-12-31"), FromView: &graph.View{Circle: graph.CircleFurther}},
		{Until: d("2023-03-31"), FromView: &graph.View{Circle: graph.CircleClose, Words: "my brother"}, ToView: &graph.View{Words: "Ava"},
			Contact:     &graph.Arrangement{Mode: graph.ContactIndirect, Frequency: graph.FreqQuarterly, Supervised: true},
			Restriction: &graph.Restriction{Kind: graph.RestrictNoContact, Basis: graph.BasisAssessment, Reason: "synthetic", Since: d("2022-02-01")},
			Separation:  &graph.Separation{Reason: graph.SeparationNotSafe, Detail: "synthetic", Decided: d("2022-01-05")}},
	}
	mustImport(t, s, ctx, want)
	got, err := s.Export(ctx)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		gj, _ := json.MarshalIndent(got.Relationships, "", " ")
		t.Fatalf("export differs from import: got relationships %s", gj)
	}
	if third := reimport(t, s, ctx, got); !reflect.DeepEqual(third, want) {
		t.Errorf("import -> export -> import -> export lost the history")
	}
	// A snapshot carries the details of its date, not the history.
	n, err := s.Network(ctx, "t-ava", d("2021-06-01"))
	if err != nil {
		t.Fatalf("Network: %v", err)
	}
	for _, r := range n.Relationships {
		if r.ID == "t-rel3" && (r.History != nil || r.Restriction == nil || r.FromView.Circle != graph.CircleClose) {
			t.Errorf("t-rel3 as of 2021-06-01: got %+v, want the second version's details", r)
		}
	}
	// The document's history is checked like the rest of it.
	bad := family()
	bad.Relationships[2].History = []graph.Version{{Until: d("2023-01-01")}, {Until: d("2022-01-01")}}
	if _, err := s.Import(ctx, bad); !errors.Is(err, graph.ErrInvalid) || graph.Fields(err)[0].Field != "relationships[2].history[1].until" {
		t.Errorf("import of history out of order: got %v, want ErrInvalid on relationships[2].history[1].until", err)
	}
}

func TestImportInBatchesIsIdempotent(t *testing.T) {
	s, ctx := fresh(t)
	s.SetBatching(40, 10)
	doc := family()
	for i := range 60 {
		doc.Contacts = append(doc.Contacts, graph.Contact{ID: "bulk-" + itoa(i), From: "t-ava", To: "t-gran",
			Date: d("2020-01-01").AddDays(i % 1500), Kind: graph.ContactCall})
	}
	sum, err := s.Import(ctx, doc)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if sum.Transactions < 2 {
		t.Errorf("got %d transactions, want batches for a document over the single-transaction limit", sum.Transactions)
	}
	n1, r1 := neo4jtest.Counts(t)
	if _, err := s.Import(ctx, doc); err != nil {
		t.Fatalf("second Import: %v", err)
	}
	if n2, r2 := neo4jtest.Counts(t); n1 != n2 || r1 != r2 {
		t.Errorf("second import: got %d/%d, want %d/%d", n2, r2, n1, r1)
	}

	// A batched import that reuses stored ids for other ends is refused
	// whole, before the first batch, naming each record.
	moved := family()
	for i := range 60 {
		moved.Contacts = append(moved.Contacts, graph.Contact{ID: "bulk2-" + itoa(i), From: "t-ava", To: "t-ben",
			Date: d("2021-01-01"), Kind: graph.ContactCall})
	}
	moved.Contacts = append(moved.Contacts, graph.Contact{ID: "bulk-7", From: "t-ben", To: "t-gran", Date: d("2021-01-01"), Kind: graph.ContactCall})
	moved.Relationships[2].To = "t-mum" // t-rel3, stored as t-ava -> t-ben
	_, err = s.Import(ctx, moved)
	var fields []string
	for _, f := range graph.Fields(err) {
		fields = append(fields, f.Field)
	}
	if want := []string{"relationships[2].id", "contacts[63].id"}; !errors.Is(err, graph.ErrConflict) || !reflect.DeepEqual(fields, want) {
		t.Errorf("import reusing stored ids: got %v (fields %v), want ErrConflict on %v", err, fields, want)
	}
	if n3, r3 := neo4jtest.Counts(t); n3 != n1 || r3 != r1 {
		t.Errorf("refused import wrote: got %d/%d, want %d/%d", n3, r3, n1, r1)
	}
}

func TestAuthorityAsOf(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, family())
	n, err := s.Authority(ctx, d("2024-12-31"))
	if err != nil {
		t.Fatalf("Authority: %v", err)
	}
	if len(n.People) != 8 {
		t.Errorf("people: got %d, want 8", len(n.People))
	}
	if slices.ContainsFunc(n.Relationships, func(r graph.Relationship) bool { return r.ID == "t-rel8" }) {
		t.Errorf("relationship starting 2025-06-01 is in the 2024-12-31 snapshot")
	}
	if slices.ContainsFunc(n.Contacts, func(c graph.Contact) bool { return c.ID == "t-c3" }) {
		t.Errorf("contact of 2025-07-01 is in the 2024-12-31 snapshot")
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
