package graph

import (
	"slices"
	"testing"
)

func TestContactViaValidate(t *testing.T) {
	base := func() Relationship {
		return Relationship{ID: "r1", From: "amy", To: "rosie", Kind: RelSibling, SiblingType: SiblingHalf,
			Contact: &Arrangement{Mode: ContactIndirect, Frequency: FreqYearly, Via: "agency"}}
	}
	tests := []struct {
		name   string
		mutate func(*Relationship)
		field  string // "" for valid
	}{
		{"letterbox through the agency", func(*Relationship) {}, ""},
		{"direct contact through a keyworker", func(r *Relationship) { r.Contact.Mode = ContactDirect }, ""},
		{"via is one end", func(r *Relationship) { r.Contact.Via = "amy" }, "contact.via"},
		{"via is the other end", func(r *Relationship) { r.Contact.Via = "rosie" }, "contact.via"},
		{"via not an id", func(r *Relationship) { r.Contact.Via = "the agency" }, "contact.via"},
		{"via with no contact", func(r *Relationship) { r.Contact = &Arrangement{Mode: ContactNone, Via: "agency"} }, "contact.via"},
		{"via in history is one end", func(r *Relationship) {
			r.History = []Version{{Until: MustDate("2024-05-31"), Contact: &Arrangement{Mode: ContactIndirect, Via: "rosie"}}}
		}, "history[0].contact.via"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := base()
			tt.mutate(&r)
			got := fields(r.Validate())
			if tt.field == "" && len(got) > 0 {
				t.Fatalf("got problems %v, want none", got)
			}
			if tt.field != "" && !slices.Contains(got, tt.field) {
				t.Fatalf("got problems %v, want one naming %s", got, tt.field)
			}
		})
	}
}

func TestDocumentContactViaMustExist(t *testing.T) {
	doc := Document{Format: Format, Records: Records{
		People: []Person{{ID: "amy", FullName: "Amy Test"}, {ID: "rosie", FullName: "Rosie Test"}},
		Relationships: []Relationship{{ID: "r1", From: "amy", To: "rosie", Kind: RelSibling, SiblingType: SiblingHalf,
			Contact: &Arrangement{Mode: ContactIndirect, Via: "agency"}}}}}
	if got := fields(doc.Validate(nil)); !slices.Equal(got, []string{"relationships[0].contact.via"}) {
		t.Errorf("via not in the document: got %v, want [relationships[0].contact.via]", got)
	}
	stored := func(kind string, id ID) bool { return kind == "person" && id == "agency" }
	if err := doc.Validate(stored); err != nil {
		t.Errorf("via stored: got %v, want no error", err)
	}
	doc.People = append(doc.People, Person{ID: "agency", FullName: "Adoption Agency Test"})
	if err := doc.Validate(nil); err != nil {
		t.Errorf("via in the document: got %v, want no error", err)
	}
}

// TestPseudonymiseContactVia: the go-between is pseudonymised like the
// people at the two ends, never left as a record id.
func TestPseudonymiseContactVia(t *testing.T) {
	doc := &Document{Format: Format, Records: Records{
		People: []Person{{ID: "amy", FullName: "Amy Test"}, {ID: "rosie", FullName: "Rosie Test"}, {ID: "agency", FullName: "Agency Test"}},
		Relationships: []Relationship{{ID: "r1", From: "amy", To: "rosie", Kind: RelSibling, SiblingType: SiblingHalf,
			Contact: &Arrangement{Mode: ContactIndirect, Via: "agency"}}}}}
	out := Pseudonymise(doc, []byte("test key"), MustDate("2026-11-01"))
	via := out.Relationships[0].ContactVia()
	if via == "" || via == "agency" || !slices.ContainsFunc(out.People, func(p Person) bool { return p.ID == via }) {
		t.Errorf("pseudonymised via: got %q, want the agency's pseudonym (people %v)", via, out.People)
	}
	if doc.Relationships[0].Contact.Via != "agency" {
		t.Errorf("Pseudonymise changed its input")
	}
}
