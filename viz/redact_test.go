package viz

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// secrets lists what must never reach a family or child map of a
// document, with why.
type secret struct{ text, why string }

func secretsOf(doc graph.Document, flags []analysis.Flag) []secret {
	var out []secret
	add := func(text, why string) {
		text = strings.TrimSpace(clean(text))
		if len([]rune(text)) >= 3 {
			out = append(out, secret{text, why})
		}
	}
	// Free text is only a secret when it says something: a one-word note
	// ("Supervised") is also a word kinmap itself may write.
	addText := func(text, why string) {
		if len(strings.Fields(text)) >= 3 {
			add(text, why)
		}
	}
	confidential := map[graph.ID]bool{}
	for _, h := range doc.Households {
		addText(h.Address, "address")
		addText(h.Notes, "household notes")
		if h.Confidential {
			confidential[h.ID] = true
			add(h.Locality, "locality of a confidential household")
			add(h.Name, "name of a confidential household")
		}
	}
	for _, p := range doc.People {
		addText(p.Notes, "person notes")
	}
	for _, c := range doc.Contacts {
		addText(c.Notes, "contact notes")
	}
	for _, r := range doc.Relationships {
		addText(r.Notes, "relationship notes")
		if r.Restriction != nil {
			addText(r.Restriction.Reason, "restriction reason")
		}
		if r.Separation != nil {
			addText(r.Separation.Detail, "separation detail")
		}
	}
	for _, f := range flags {
		addText(f.Explanation, "flag explanation")
	}
	// Carers' surnames where the household is confidential: carers who
	// live in one, and carers of anyone while they lived in one.
	carers := map[graph.ID]bool{}
	for _, r := range doc.Relationships {
		if !r.Kind.IsCarer() {
			continue
		}
		for _, res := range doc.Residences {
			if confidential[res.Household] && (res.Person == r.From ||
				(res.Person == r.To && overlaps(r.Span(), res.Span()))) {
				carers[r.From] = true
			}
		}
	}
	for _, p := range doc.People {
		if carers[p.ID] {
			for _, w := range surnameWords(p.FullName) {
				add(w, "surname of a carer in a confidential household")
			}
		}
	}
	return out
}

// riskWords must not appear in a child's map.
var riskWords = []string{"restricted", "restriction", "separated", "separation", "flag", "flags",
	"lost", "risk", "order", "conflict", "supervised", "high", "medium", "finding", "findings"}

func checkSecrets(t *testing.T, what string, out []byte, secrets []secret, aud Audience) {
	t.Helper()
	text := string(out)
	for _, s := range secrets {
		if containsWord(text, s.text) {
			t.Errorf("%s: found %s %q", what, s.why, s.text)
		}
	}
	if aud == Child {
		for _, w := range riskWords {
			if containsWord(text, w) {
				t.Errorf("%s: found risk word %q in a child's map", what, w)
			}
		}
	}
}

// TestNoConfidentialStringsInDOT builds every map of every looked-after
// child of every family for the family and child audiences, and looks for
// every confidential string anywhere in the DOT.
func TestNoConfidentialStringsInDOT(t *testing.T) {
	for _, f := range loadFamilies(t) {
		for _, child := range f.children {
			in := childInput(f, child, Family)
			secrets := secretsOf(f.doc, in.Flags)
			for _, kind := range mapKinds {
				for _, aud := range []Audience{Family, Child} {
					dot := buildDOT(t, f, child, kind, aud)
					checkSecrets(t, f.name+" "+child+" "+kind+" "+string(aud)+" DOT", dot, secrets, aud)
				}
			}
		}
	}
}

// TestNoConfidentialStringsInSVG renders each family's focus child's maps
// for the family and child audiences and checks the whole SVG: text,
// <title>, <desc>, comments and attributes.
func TestNoConfidentialStringsInSVG(t *testing.T) {
	r := NewRenderer()
	defer r.Close()
	for _, f := range loadFamilies(t) {
		in := childInput(f, f.focus, Family)
		secrets := secretsOf(f.doc, in.Flags)
		for _, kind := range mapKinds {
			for _, aud := range []Audience{Family, Child} {
				svg, err := r.Render(context.Background(), buildDOT(t, f, f.focus, kind, aud), SVG)
				if err != nil {
					t.Fatalf("%s %s %s: %v", f.name, kind, aud, err)
				}
				checkSecrets(t, f.name+" "+kind+" "+string(aud)+" SVG", svg, secrets, aud)
			}
		}
	}
}

// TestProfessionalSeesEverything is the other side of redaction: the
// professional map of a family with a confidential household shows the
// record (so the tests above are not passing on an empty map).
func TestProfessionalSeesEverything(t *testing.T) {
	for _, f := range loadFamilies(t) {
		for _, child := range f.children {
			in := childInput(f, child, Professional)
			dot, err := ChildMapDOT(in)
			if err != nil {
				t.Fatal(err)
			}
			n := in.Network
			ix := graph.NewIndex(n)
			for _, rel := range ix.Relationships(child) {
				p := ix.Person(rel.Other(child))
				if !rel.Span().Started(n.AsOf) || p == nil {
					continue
				}
				if name := shorten(p.FullName, maxNameRunes); !strings.Contains(string(dot), string(esc(name))) {
					t.Errorf("%s %s: professional map lacks the full name of %s, want it shown", f.name, child, p.ID)
				}
				if h := ix.HouseholdOn(p.ID, n.AsOf); h != nil && h.Confidential && h.Locality != "" &&
					ix.HouseholdOn(child, n.AsOf) != h && !strings.Contains(string(dot), string(esc(h.Locality))) {
					t.Errorf("%s %s: professional map lacks the locality of %s's confidential home, want it shown", f.name, child, p.ID)
				}
			}
		}
	}
}

// TestAllowListsAreExplicit pins the policy: family and child maps get
// none of the fields that carry confidential detail, and every audience
// lists only known fields.
func TestAllowListsAreExplicit(t *testing.T) {
	forbidden := []field{fAddress, fConfidentialLocality, fConfidentialName, fGuardedSurname,
		fRestrictedDetail, fNotes, fRestrictionReason, fRestrictionKind, fSeparationReason,
		fSeparationDetail, fFlagDetail, fFlagOnlyPeople, fChangeDetail, fFullName}
	for _, aud := range []Audience{Family, Child} {
		for _, f := range forbidden {
			if slices.Contains(allowList[aud], f) {
				t.Errorf("allow-list of %s includes %s, want it left out", aud, f)
			}
		}
	}
	for _, f := range []field{fRiskLines, fRestricted, fSeparated, fFlags, fLastContact, fAge, fHouseholdLocality} {
		if slices.Contains(allowList[Child], f) {
			t.Errorf("allow-list of child includes %s, want it left out", f)
		}
	}
	for aud, fields := range allowList {
		for _, f := range fields {
			if !slices.Contains(allFields, f) {
				t.Errorf("allow-list of %s names unknown field %s", aud, f)
			}
		}
	}
}
