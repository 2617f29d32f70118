package graph

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func fields(err error) []string {
	var out []string
	for _, f := range Fields(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestRelationshipValidate(t *testing.T) {
	ok := Relationship{ID: "r1", From: "a", To: "b", Kind: RelSibling, SiblingType: SiblingHalf}
	tests := []struct {
		name   string
		mutate func(*Relationship)
		field  string // "" for valid
	}{
		{"valid", func(*Relationship) {}, ""},
		{"missing id", func(r *Relationship) { r.ID = "" }, "id"},
		{"self", func(r *Relationship) { r.To = "a" }, "to"},
		{"unknown kind", func(r *Relationship) { r.Kind = "enemy"; r.SiblingType = "" }, "kind"},
		{"sibling without type", func(r *Relationship) { r.SiblingType = "" }, "sibling_type"},
		{"type on friend", func(r *Relationship) { r.Kind = RelFriend }, "sibling_type"},
		{"until before since", func(r *Relationship) { r.Since, r.Until = MustDate("2024-02-01"), MustDate("2024-01-01") }, "until"},
		{"bad circle", func(r *Relationship) { r.FromView = &View{Circle: "inner"} }, "from_view.circle"},
		{"contact mode missing", func(r *Relationship) { r.Contact = &Arrangement{} }, "contact.mode"},
		{"bad frequency", func(r *Relationship) { r.Contact = &Arrangement{Mode: ContactDirect, Frequency: "hourly"} }, "contact.frequency"},
		{"empty view", func(r *Relationship) { r.FromView = &View{} }, "from_view"},
		{"restriction without basis", func(r *Relationship) { r.Restriction = &Restriction{Kind: RestrictNoContact} }, "restriction.basis"},
		{"separation on a parent", func(r *Relationship) {
			r.Kind, r.SiblingType = RelParent, ""
			r.Separation = &Separation{Reason: SeparationNotSafe}
		}, "separation"},
		{"separation without reason", func(r *Relationship) { r.Separation = &Separation{} }, "separation.reason"},
		{"notes too long", func(r *Relationship) { r.Notes = strings.Repeat("x", MaxNotesLen+1) }, "notes"},
		{"valid history", func(r *Relationship) {
			r.Since = MustDate("2020-01-01")
			r.History = []Version{{Until: MustDate("2020-01-01")}, {Until: MustDate("2024-05-31"), FromView: &View{Circle: CircleClose}}}
		}, ""},
		{"history without until", func(r *Relationship) { r.History = []Version{{FromView: &View{Circle: CircleClose}}} }, "history[0].until"},
		{"history before since", func(r *Relationship) {
			r.Since = MustDate("2020-01-01")
			r.History = []Version{{Until: MustDate("2019-12-31")}}
		}, "history[0].until"},
		{"history out of order", func(r *Relationship) {
			r.History = []Version{{Until: MustDate("2024-05-31")}, {Until: MustDate("2023-01-01")}}
		}, "history[1].until"},
		{"history with a repeated until", func(r *Relationship) {
			r.History = []Version{{Until: MustDate("2024-05-31")}, {Until: MustDate("2024-05-31")}}
		}, "history[1].until"},
		{"history bad circle", func(r *Relationship) {
			r.History = []Version{{Until: MustDate("2024-05-31"), ToView: &View{Circle: "inner"}}}
		}, "history[0].to_view.circle"},
		{"history contact mode missing", func(r *Relationship) {
			r.History = []Version{{Until: MustDate("2024-05-31"), Contact: &Arrangement{}}}
		}, "history[0].contact.mode"},
		{"history restriction without basis", func(r *Relationship) {
			r.History = []Version{{Until: MustDate("2024-05-31"), Restriction: &Restriction{Kind: RestrictNoContact}}}
		}, "history[0].restriction.basis"},
		{"history separation on a parent", func(r *Relationship) {
			r.Kind, r.SiblingType = RelParent, ""
			r.History = []Version{{Until: MustDate("2024-05-31"), Separation: &Separation{Reason: SeparationNotSafe}}}
		}, "history[0].separation"},
	}
	for _, tt := range tests {
		r := ok
		tt.mutate(&r)
		err := r.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: got %v, want valid", tt.name, err)
			}
			continue
		}
		if !errors.Is(err, ErrInvalid) || !slices.Contains(fields(err), tt.field) {
			t.Errorf("%s: got %v (fields %v), want ErrInvalid naming %q", tt.name, err, fields(err), tt.field)
		}
	}
}

func TestDocumentValidate(t *testing.T) {
	doc := Document{Format: Format, Records: Records{
		People:        []Person{{ID: "a", FullName: "A"}, {ID: "b", FullName: "B"}, {ID: "a", FullName: "A again"}},
		Households:    []Household{{ID: "h", Kind: HouseholdFoster}},
		Residences:    []Residence{{ID: "r", Person: "a", Household: "nowhere", From: MustDate("2024-01-01")}},
		Relationships: []Relationship{{ID: "x", From: "a", To: "stored", Kind: RelFriend}, {ID: "y", From: "a", To: "ghost", Kind: RelFriend}},
		Contacts:      []Contact{{ID: "c", From: "a", To: "b", Kind: ContactCall}},
	}}
	known := func(kind string, id ID) bool { return kind == "person" && id == "stored" }
	got := fields(doc.Validate(known))
	want := []string{"people[2].id", "residences[0].household", "relationships[1].to", "contacts[0].date"}
	for _, f := range want {
		if !slices.Contains(got, f) {
			t.Errorf("got fields %v, want %q among them", got, f)
		}
	}
	if slices.Contains(got, "relationships[0].to") {
		t.Errorf("a reference to a stored person was refused: %v", got)
	}
}

func TestIndex(t *testing.T) {
	n := &Network{Records: Records{
		People:     []Person{{ID: "a"}, {ID: "b"}},
		Households: []Household{{ID: "h1"}, {ID: "h2"}},
		Residences: []Residence{
			{ID: "r1", Person: "a", Household: "h1", From: MustDate("2020-01-01"), Until: MustDate("2022-12-31")},
			{ID: "r2", Person: "a", Household: "h2", From: MustDate("2023-01-01")},
		},
		Contacts: []Contact{
			{ID: "c1", From: "a", To: "b", Date: MustDate("2024-01-01")},
			{ID: "c2", From: "b", To: "a", Date: MustDate("2024-06-01")},
		},
	}}
	ix := NewIndex(n)
	if h := ix.HouseholdOn("a", MustDate("2021-06-01")); h == nil || h.ID != "h1" {
		t.Errorf("HouseholdOn 2021: got %v, want h1", h)
	}
	if h := ix.HouseholdOn("a", MustDate("2024-06-01")); h == nil || h.ID != "h2" {
		t.Errorf("HouseholdOn 2024: got %v, want h2", h)
	}
	if h := ix.HouseholdOn("b", MustDate("2024-06-01")); h != nil {
		t.Errorf("HouseholdOn for b: got %v, want nil", h)
	}
	if d, ok := ix.LastContact("a", "b", MustDate("2024-03-01")); !ok || d != MustDate("2024-01-01") {
		t.Errorf("LastContact: got %v %v, want 2024-01-01", d, ok)
	}
	if d, _ := ix.LastContact("b", "a", MustDate("2025-01-01")); d != MustDate("2024-06-01") {
		t.Errorf("LastContact either way: got %v, want 2024-06-01", d)
	}
}
