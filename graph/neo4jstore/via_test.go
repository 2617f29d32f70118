package neo4jstore_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// viaFamily is family() plus an adoption agency (a professional of
// Rosie's) through whom Ava's letterbox contact with her adopted sister
// Rosie goes, and Mara's partner
// Rob, whose son Sam lived with Ava before she came into care.
func viaFamily() *graph.Document {
	doc := family()
	doc.People = append(doc.People,
		graph.Person{ID: "t-rosie", FullName: "Rosie Adoptedtest", AgeBand: graph.Age5to11},
		graph.Person{ID: "t-agency", FullName: "Test Adoption Agency", AgeBand: graph.AgeAdult},
		graph.Person{ID: "t-rob", FullName: "Rob Partnertest", AgeBand: graph.AgeAdult},
		graph.Person{ID: "t-sam", FullName: "Sam Partnertest", AgeBand: graph.Age12to15})
	doc.Residences = append(doc.Residences,
		graph.Residence{ID: "t-r-sam", Person: "t-sam", Household: "t-h-home", From: d("2019-05-01"), Until: d("2021-12-31")})
	doc.Relationships = append(doc.Relationships,
		graph.Relationship{ID: "t-rel-rosie", From: "t-ava", To: "t-rosie", Kind: graph.RelSibling, SiblingType: graph.SiblingHalf,
			Contact: &graph.Arrangement{Mode: graph.ContactIndirect, Frequency: graph.FreqYearly, Via: "t-agency"}},
		graph.Relationship{ID: "t-rel-agency", From: "t-agency", To: "t-rosie", Kind: graph.RelProfessional},
		graph.Relationship{ID: "t-rel-partner", From: "t-mum", To: "t-rob", Kind: graph.RelPartner, Since: d("2019-01-01"), Until: d("2023-06-30")},
		graph.Relationship{ID: "t-rel-rob-sam", From: "t-rob", To: "t-sam", Kind: graph.RelParent})
	return doc
}

func TestPartnerAndContactViaRoundTrip(t *testing.T) {
	s, ctx := fresh(t)
	doc := viaFamily()
	mustImport(t, s, ctx, doc)
	for _, id := range []graph.ID{"t-rel-rosie", "t-rel-partner"} {
		got, err := s.Relationship(ctx, id)
		if err != nil {
			t.Fatalf("Relationship(%s): %v", id, err)
		}
		want := doc.Relationships[slices.IndexFunc(doc.Relationships, func(r graph.Relationship) bool { return r.ID == id })]
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %+v, want %+v", id, got, want)
		}
	}
	out, err := s.Export(ctx)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	doc.Sort()
	if !reflect.DeepEqual(out.Relationships, doc.Relationships) {
		t.Errorf("export relationships differ from the import")
	}
	// An update moving the letterbox to direct contact keeps the via in
	// the history.
	r := doc.Relationships[slices.IndexFunc(doc.Relationships, func(r graph.Relationship) bool { return r.ID == "t-rel-rosie" })]
	r.Contact = &graph.Arrangement{Mode: graph.ContactDirect, Frequency: graph.FreqQuarterly}
	if err := s.UpdateRelationship(ctx, r, d("2025-01-01")); err != nil {
		t.Fatalf("UpdateRelationship: %v", err)
	}
	got, _ := s.Relationship(ctx, "t-rel-rosie")
	if len(got.History) != 1 || got.History[0].Contact == nil || got.History[0].Contact.Via != "t-agency" || got.ContactVia() != "" {
		t.Errorf("after the update: got contact %+v, history %+v; want direct now, via the agency until 2024-12-31", got.Contact, got.History)
	}
}

// TestNetworkReachesViaAndStepSibling: the child's snapshot holds the
// go-between of a contact (two hops) and the partner's child (three
// hops), as graph.Records.Snapshot does, and the scope rule agrees.
func TestNetworkReachesViaAndStepSibling(t *testing.T) {
	s, ctx := fresh(t)
	doc := viaFamily()
	mustImport(t, s, ctx, doc)
	n, err := s.Network(ctx, "t-ava", d("2026-01-01"))
	if err != nil {
		t.Fatalf("Network: %v", err)
	}
	var ids []graph.ID
	for _, p := range n.People {
		ids = append(ids, p.ID)
	}
	for _, want := range []graph.ID{"t-agency", "t-sam", "t-rob"} {
		if !slices.Contains(ids, want) {
			t.Errorf("network people %v: want %s", ids, want)
		}
	}
	if want := doc.Snapshot("t-ava", d("2026-01-01")); !reflect.DeepEqual(n.People, want.People) {
		t.Errorf("store network people differ from the in-memory snapshot")
	}
	for _, id := range []graph.ID{"t-sam", "t-agency"} {
		if in, err := s.InScope(ctx, []graph.ID{"t-ava"}, id, neo4jstore.KindPerson, d("2026-01-01")); err != nil || !in {
			t.Errorf("InScope(t-ava, %s): got %v, %v; want in scope, as in the network", id, in, err)
		}
	}
	if in, _ := s.InScope(ctx, []graph.ID{"t-ava"}, "t-rel-rob-sam", neo4jstore.KindRelationship, d("2026-01-01")); !in {
		t.Errorf("InScope(t-ava, t-rel-rob-sam): got out of scope, want in (both ends in the network)")
	}
}

func TestContactViaBadInputWritesNothing(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, viaFamily())
	letter := func(via graph.ID) graph.Relationship {
		return graph.Relationship{ID: "x-via", From: "t-ben", To: "t-rosie", Kind: graph.RelSibling, SiblingType: graph.SiblingHalf,
			Contact: &graph.Arrangement{Mode: graph.ContactIndirect, Via: via}}
	}
	// A tie between two people of Ben's network: only its go-between can
	// reach outside it.
	bensFriend := func(via graph.ID) graph.Relationship {
		return graph.Relationship{ID: "x-via-ben", From: "t-ben", To: "t-mum", Kind: graph.RelFriend,
			Contact: &graph.Arrangement{Mode: graph.ContactIndirect, Via: via}}
	}
	tests := []struct {
		name  string
		write func() error
		kind  error
		field string
	}{
		{"via nobody stored", func() error { return s.CreateRelationship(ctx, letter("ghost")) }, graph.ErrNotFound, "contact.via"},
		{"via one end", func() error { return s.CreateRelationship(ctx, letter("t-rosie")) }, graph.ErrInvalid, "contact.via"},
		{"update to via nobody stored", func() error {
			r, _ := s.Relationship(ctx, "t-rel-rosie")
			r.Contact.Via = "ghost"
			return s.UpdateRelationship(ctx, r, graph.Date{})
		}, graph.ErrNotFound, "contact.via"},
		{"via outside the writer's scope answers as nobody", func() error {
			wctx := graph.WithWriteScope(ctx, graph.WriteScope{Children: []graph.ID{"t-ben"}})
			return s.CreateRelationship(wctx, bensFriend("t-pal"))
		}, graph.ErrNotFound, "contact.via"},
		{"import via nobody", func() error {
			doc := &graph.Document{Format: graph.Format}
			doc.Relationships = []graph.Relationship{letter("ghost")}
			_, err := s.Import(ctx, doc)
			return err
		}, graph.ErrInvalid, "relationships[0].contact.via"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.write()
			if !errors.Is(err, tt.kind) || !slices.ContainsFunc(graph.Fields(err), func(f *graph.Error) bool { return f.Field == tt.field }) {
				t.Fatalf("got %v, want %v naming %s", err, tt.kind, tt.field)
			}
		})
	}
	if _, err := s.Relationship(ctx, "x-via"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("after refused writes: got %v, want no relationship x-via", err)
	}
	if r, _ := s.Relationship(ctx, "t-rel-rosie"); r.ContactVia() != "t-agency" {
		t.Errorf("after a refused update: via %q, want t-agency", r.ContactVia())
	}
	wctx := graph.WithWriteScope(ctx, graph.WriteScope{Children: []graph.ID{"t-ben"}})
	if err := s.CreateRelationship(wctx, bensFriend("t-ava")); err != nil {
		t.Errorf("via someone in the writer's scope: %v", err)
	}
	// A document naming a stored go-between imports.
	doc := &graph.Document{Format: graph.Format}
	imported := letter("t-agency")
	imported.ID = "x-via-2"
	doc.Relationships = []graph.Relationship{imported}
	if _, err := s.Import(ctx, doc); err != nil {
		t.Errorf("import via a stored person: %v", err)
	}
}
