package neo4jstore_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

func TestApplySchemaIsIdempotent(t *testing.T) {
	s, ctx := fresh(t)
	for i := range 2 {
		if err := s.ApplySchema(ctx); err != nil {
			t.Fatalf("ApplySchema #%d: %v", i+1, err)
		}
	}
}

func TestPersonCreateGetUpdate(t *testing.T) {
	s, ctx := fresh(t)
	p := family().People[0]
	if err := s.CreatePerson(ctx, p); err != nil {
		t.Fatalf("CreatePerson: %v", err)
	}
	got, err := s.Person(ctx, p.ID)
	if err != nil {
		t.Fatalf("Person: %v", err)
	}
	if !reflect.DeepEqual(got, p) {
		t.Errorf("Person: got %+v, want %+v", got, p)
	}
	p.KnownAs, p.Notes = "", "moved school"
	if err := s.UpdatePerson(ctx, p); err != nil {
		t.Fatalf("UpdatePerson: %v", err)
	}
	if got, _ := s.Person(ctx, p.ID); !reflect.DeepEqual(got, p) {
		t.Errorf("after update: got %+v, want %+v", got, p)
	}
	p.LookedAfterUntil = d("2025-03-31") // went home: the care episode ends
	if err := s.UpdatePerson(ctx, p); err != nil {
		t.Fatalf("UpdatePerson ending care: %v", err)
	}
	if got, _ := s.Person(ctx, p.ID); !reflect.DeepEqual(got, p) || got.LookedAfterOn(d("2025-04-01")) || !got.LookedAfterOn(d("2025-03-31")) {
		t.Errorf("after ending care: got %+v, want %+v", got, p)
	}
	p.LookedAfterUntil = graph.Date{} // entered in error: clearing it removes the stored end
	if err := s.UpdatePerson(ctx, p); err != nil {
		t.Fatalf("UpdatePerson clearing the end: %v", err)
	}
	if got, _ := s.Person(ctx, p.ID); !reflect.DeepEqual(got, p) {
		t.Errorf("after clearing the end: got %+v, want %+v", got, p)
	}
	bad := p
	bad.LookedAfterUntil = d("2021-12-31") // before looked_after_since
	if err := s.UpdatePerson(ctx, bad); !errors.Is(err, graph.ErrInvalid) || len(graph.Fields(err)) != 1 || graph.Fields(err)[0].Field != "looked_after_until" {
		t.Errorf("UpdatePerson with care ending before it began: got %v, want ErrInvalid on looked_after_until", err)
	}
	if err := s.CreatePerson(ctx, p); !errors.Is(err, graph.ErrConflict) {
		t.Errorf("duplicate CreatePerson: got %v, want ErrConflict", err)
	}
	if _, err := s.Person(ctx, "nobody"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Person(nobody): got %v, want ErrNotFound", err)
	}
	if err := s.UpdatePerson(ctx, graph.Person{ID: "nobody", FullName: "X"}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("UpdatePerson(nobody): got %v, want ErrNotFound", err)
	}
}

func TestRecordsRoundTrip(t *testing.T) {
	s, ctx := fresh(t)
	f := family()
	for _, p := range f.People {
		if err := s.CreatePerson(ctx, p); err != nil {
			t.Fatalf("CreatePerson %s: %v", p.ID, err)
		}
	}
	for _, h := range f.Households {
		if err := s.CreateHousehold(ctx, h); err != nil {
			t.Fatalf("CreateHousehold %s: %v", h.ID, err)
		}
		if got, err := s.Household(ctx, h.ID); err != nil || !reflect.DeepEqual(got, h) {
			t.Errorf("Household: got %+v, %v; want %+v", got, err, h)
		}
	}
	for _, r := range f.Residences {
		if err := s.CreateResidence(ctx, r); err != nil {
			t.Fatalf("CreateResidence %s: %v", r.ID, err)
		}
		if got, err := s.Residence(ctx, r.ID); err != nil || !reflect.DeepEqual(got, r) {
			t.Errorf("Residence: got %+v, %v; want %+v", got, err, r)
		}
	}
	for _, r := range f.Relationships {
		if err := s.CreateRelationship(ctx, r); err != nil {
			t.Fatalf("CreateRelationship %s: %v", r.ID, err)
		}
		if got, err := s.Relationship(ctx, r.ID); err != nil || !reflect.DeepEqual(got, r) {
			t.Errorf("Relationship: got %+v, %v; want %+v", got, err, r)
		}
	}
	for _, c := range f.Contacts {
		if err := s.CreateContact(ctx, c); err != nil {
			t.Fatalf("CreateContact %s: %v", c.ID, err)
		}
		if got, err := s.Contact(ctx, c.ID); err != nil || !reflect.DeepEqual(got, c) {
			t.Errorf("Contact: got %+v, %v; want %+v", got, err, c)
		}
	}
	a := f.Assignments[0]
	if err := s.CreateAssignment(ctx, a); err != nil {
		t.Fatalf("CreateAssignment: %v", err)
	}
	if got, err := s.Assignment(ctx, a.ID); err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("Assignment: got %+v, %v; want %+v", got, err, a)
	}
}

func TestEndKeepsHistory(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, family())
	if err := s.EndRelationship(ctx, "t-rel6", d("2021-01-01")); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("end before since: got %v, want ErrInvalid", err)
	}
	if err := s.EndRelationship(ctx, "t-rel6", d("2025-02-01")); err != nil {
		t.Fatalf("EndRelationship: %v", err)
	}
	r, err := s.Relationship(ctx, "t-rel6")
	if err != nil || r.Until != d("2025-02-01") || r.Since != d("2022-01-10") {
		t.Errorf("ended relationship: got %+v, %v; want since kept and until 2025-02-01", r, err)
	}
	if err := s.EndRelationship(ctx, "t-rel6", d("2025-03-01")); !errors.Is(err, graph.ErrConflict) {
		t.Errorf("ending twice: got %v, want ErrConflict", err)
	}
	if err := s.EndResidence(ctx, "t-r2", d("2025-02-01")); err != nil {
		t.Fatalf("EndResidence: %v", err)
	}
	if err := s.EndRelationship(ctx, "nope", d("2025-02-01")); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("end unknown: got %v, want ErrNotFound", err)
	}
	if err := s.EndAssignment(ctx, "t-a1", d("2025-02-01")); err != nil {
		t.Fatalf("EndAssignment: %v", err)
	}
	// Changing a relationship's ends is refused: history is never rewritten.
	rel, _ := s.Relationship(ctx, "t-rel3")
	rel.To = "t-gran"
	if err := s.UpdateRelationship(ctx, rel, graph.Date{}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("update that moves an end: got %v, want ErrInvalid", err)
	}

	// An update without an end date keeps the recorded one; an update
	// that sets or changes it is refused (ending is EndRelationship's).
	ended, _ := s.Relationship(ctx, "t-rel6")
	ended.Until = graph.Date{}
	if err := s.UpdateRelationship(ctx, ended, graph.Date{}); err != nil {
		t.Fatalf("update of an ended relationship without until: %v", err)
	}
	if got, _ := s.Relationship(ctx, "t-rel6"); got.Until != d("2025-02-01") {
		t.Errorf("after an update without until: got until %v, want 2025-02-01 kept", got.Until)
	}
	ended.Until = d("2025-03-01")
	if err := s.UpdateRelationship(ctx, ended, graph.Date{}); !errors.Is(err, graph.ErrInvalid) || graph.Fields(err)[0].Field != "until" {
		t.Errorf("update that changes until: got %v, want ErrInvalid on until", err)
	}
	open, _ := s.Relationship(ctx, "t-rel4")
	open.Until = d("2025-03-01")
	if err := s.UpdateRelationship(ctx, open, graph.Date{}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("update that ends a relationship: got %v, want ErrInvalid", err)
	}

	// Re-importing the original document reopens nothing that was ended.
	mustImport(t, s, ctx, family())
	if got, _ := s.Relationship(ctx, "t-rel6"); got.Until != d("2025-02-01") {
		t.Errorf("relationship after re-import: got until %v, want 2025-02-01", got.Until)
	}
	if got, _ := s.Residence(ctx, "t-r2"); got.Until != d("2025-02-01") {
		t.Errorf("residence after re-import: got until %v, want 2025-02-01", got.Until)
	}
	if got, _ := s.Assignment(ctx, "t-a1"); got.Until != d("2025-02-01") {
		t.Errorf("assignment after re-import: got until %v, want 2025-02-01", got.Until)
	}
}

// TestBadInputWritesNothing checks every write path refuses bad input
// with an error naming the field, and leaves the database untouched.
func TestBadInputWritesNothing(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, family())
	good := family().Relationships[2]
	tests := []struct {
		name  string
		write func() error
		kind  error
		field string
	}{
		{"person without name", func() error { return s.CreatePerson(ctx, graph.Person{ID: "x1"}) }, graph.ErrInvalid, "full_name"},
		{"person bad age band", func() error {
			return s.CreatePerson(ctx, graph.Person{ID: "x1", FullName: "X", AgeBand: "teen"})
		}, graph.ErrInvalid, "age_band"},
		{"household unknown kind", func() error { return s.CreateHousehold(ctx, graph.Household{ID: "x1", Kind: "castle"}) }, graph.ErrInvalid, "kind"},
		{"residence unknown person", func() error {
			return s.CreateResidence(ctx, graph.Residence{ID: "x1", Person: "nobody", Household: "t-h-home", From: d("2020-01-01")})
		}, graph.ErrNotFound, "person"},
		{"residence until before from", func() error {
			return s.CreateResidence(ctx, graph.Residence{ID: "x1", Person: "t-ava", Household: "t-h-home", From: d("2020-01-01"), Until: d("2019-01-01")})
		}, graph.ErrInvalid, "until"},
		{"relationship to oneself", func() error {
			return s.CreateRelationship(ctx, graph.Relationship{ID: "x1", From: "t-ava", To: "t-ava", Kind: graph.RelFriend})
		}, graph.ErrInvalid, "to"},
		{"relationship unknown to", func() error {
			return s.CreateRelationship(ctx, graph.Relationship{ID: "x1", From: "t-ava", To: "ghost", Kind: graph.RelFriend})
		}, graph.ErrNotFound, "to"},
		{"sibling type on parent", func() error {
			return s.CreateRelationship(ctx, graph.Relationship{ID: "x1", From: "t-mum", To: "t-ava", Kind: graph.RelParent, SiblingType: graph.SiblingHalf})
		}, graph.ErrInvalid, "sibling_type"},
		{"unknown relationship kind", func() error {
			return s.CreateRelationship(ctx, graph.Relationship{ID: "x1", From: "t-ava", To: "t-ben", Kind: "cousin-ish"})
		}, graph.ErrInvalid, "kind"},
		{"duplicate relationship id", func() error { return s.CreateRelationship(ctx, good) }, graph.ErrConflict, "id"},
		{"contact without date", func() error {
			return s.CreateContact(ctx, graph.Contact{ID: "x1", From: "t-ava", To: "t-ben", Kind: graph.ContactCall})
		}, graph.ErrInvalid, "date"},
		{"assignment unknown child", func() error {
			return s.CreateAssignment(ctx, graph.Assignment{ID: "x1", Worker: "worker-z", Child: "ghost"})
		}, graph.ErrNotFound, "child"},
		{"update unknown household", func() error {
			return s.UpdateHousehold(ctx, graph.Household{ID: "ghost", Kind: graph.HouseholdFoster})
		}, graph.ErrNotFound, "id"},
		{"import with duplicate ids", func() error {
			doc := family()
			doc.People = append(doc.People, graph.Person{ID: "new-1", FullName: "N"}, graph.Person{ID: "new-1", FullName: "N"})
			_, err := s.Import(ctx, doc)
			return err
		}, graph.ErrInvalid, "people[9].id"},
		{"import with a dangling reference", func() error {
			doc := family()
			doc.People = append(doc.People, graph.Person{ID: "new-2", FullName: "N"})
			doc.Contacts = append(doc.Contacts, graph.Contact{ID: "new-c", From: "new-2", To: "ghost", Date: d("2024-01-01"), Kind: graph.ContactCall})
			_, err := s.Import(ctx, doc)
			return err
		}, graph.ErrInvalid, "contacts[3].to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n0, r0 := neo4jtest.Counts(t)
			err := tt.write()
			if !errors.Is(err, tt.kind) {
				t.Fatalf("got error %v, want %v", err, tt.kind)
			}
			found := false
			for _, f := range graph.Fields(err) {
				found = found || f.Field == tt.field
			}
			if !found {
				t.Errorf("got fields %v, want one naming %q", graph.Fields(err), tt.field)
			}
			if n1, r1 := neo4jtest.Counts(t); n1 != n0 || r1 != r0 {
				t.Errorf("counts changed: got %d nodes %d rels, want %d and %d", n1, r1, n0, r0)
			}
		})
	}
}
