package graph

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPseudonymise(t *testing.T) {
	d := &Document{Format: Format, Records: Records{
		People: []Person{{ID: "kid-1", FullName: "Ada Example", KnownAs: "Addy", DateOfBirth: MustDate("2014-02-03"),
			LookedAfter: true, LookedAfterSince: MustDate("2023-05-17"), LookedAfterUntil: MustDate("2026-03-20"), Notes: "likes drawing"}, {ID: "mum-1", FullName: "Mo Example"}},
		Households: []Household{{ID: "h-1", Kind: HouseholdFoster, Name: "The Examples'", Locality: "Testtown",
			Address: "1 Example Row", Confidential: true, Notes: "gate code"}},
		Residences: []Residence{{ID: "r-1", Person: "kid-1", Household: "h-1", From: MustDate("2024-01-01")}},
		Relationships: []Relationship{{ID: "rel-1", From: "mum-1", To: "kid-1", Kind: RelParent,
			ToView:      &View{Circle: CircleClose, Words: "my mum Mo"},
			Restriction: &Restriction{Kind: RestrictSupervised, Basis: BasisOrder, Reason: "hearing decision"}, Notes: "n"}},
		Contacts:    []Contact{{ID: "c-1", From: "kid-1", To: "mum-1", Date: MustDate("2026-01-17"), Kind: ContactVisit, Notes: "went well"}},
		Assignments: []Assignment{{ID: "a-1", Worker: "jo.bloggs", Team: "team-north", Child: "kid-1"}},
	}}
	key := []byte("test-key-not-a-secret")
	out := Pseudonymise(d, key, MustDate("2026-11-01"))
	b, _ := json.Marshal(out)
	for _, s := range []string{"Ada", "Addy", "Example", "2014-02-03", "drawing", "Testtown", "Example Row", "gate code",
		"my mum", "hearing decision", "went well", "jo.bloggs", "kid-1", "mum-1", "h-1"} {
		if strings.Contains(string(b), s) {
			t.Errorf("pseudonymised export contains %q", s)
		}
	}
	kid := out.People[0]
	if !kid.LookedAfter {
		kid = out.People[1]
	}
	if kid.AgeBand != Age12to15 || out.Relationships[0].Restriction.Kind != RestrictSupervised {
		t.Errorf("kept fields lost: %s", b)
	}
	if kid.LookedAfterSince != MustDate("2023-05-01") || kid.LookedAfterUntil != MustDate("2026-03-01") {
		t.Errorf("care episode: got %s to %s, want its months 2023-05-01 to 2026-03-01", kid.LookedAfterSince, kid.LookedAfterUntil)
	}
	if got := out.Contacts[0].Date; got != MustDate("2026-01-01") {
		t.Errorf("contact date: got %s, want its month 2026-01-01", got)
	}
	again := Pseudonymise(d, key, MustDate("2026-11-01"))
	if again.Residences[0].Person != out.Residences[0].Person {
		t.Errorf("same key: got different pseudonyms for one child")
	}
	other := Pseudonymise(d, []byte("another-key"), MustDate("2026-11-01"))
	if other.Residences[0].Person == out.Residences[0].Person {
		t.Errorf("different keys: got the same pseudonym")
	}
	if out.Residences[0].Person != out.Contacts[0].From {
		t.Errorf("a child's pseudonym differs between records: %s vs %s", out.Residences[0].Person, out.Contacts[0].From)
	}
}
