package viz

import (
	stdhtml "html"
	"slices"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// secrets lists what must never reach a family or child map of a
// document, with why.
type secret struct{ text, why string }

// kinmapWords are words kinmap itself writes on maps: free text that says
// only one of them ("Supervised") cannot be told from kinmap's wording.
var kinmapWords = []string{"supervised", "foster carer"}

// secretsOf lists the secrets of a document for the maps of a child:
// every note, address, restriction reason, separation detail and flag
// explanation (any free text of at least 4 characters), the names and
// localities of confidential households and of the homes of people whose
// contact with the child is restricted, and the surnames of carers in
// confidential households.
func secretsOf(doc graph.Document, flags []analysis.Flag, child graph.ID) []secret {
	var out []secret
	add := func(text, why string) {
		text = strings.TrimSpace(clean(text))
		if len([]rune(text)) >= 3 {
			out = append(out, secret{text, why})
		}
	}
	addText := func(text, why string) {
		text = strings.TrimSpace(clean(text))
		if len([]rune(text)) < 4 || slices.Contains(kinmapWords, strings.ToLower(strings.Trim(text, ".,;: "))) {
			return
		}
		out = append(out, secret{text, why})
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
	// The homes of people whose contact with the child is restricted on
	// the date: a co-resident's node must not say where they live.
	for _, r := range doc.Relationships {
		if r.Restriction == nil || !r.Involves(child) || !r.Span().Started(demoDate) || r.Span().Ended(demoDate) {
			continue
		}
		other := r.Other(child)
		for _, res := range doc.Residences {
			if res.Person != other || !res.Span().Started(demoDate) || res.Span().Ended(demoDate) {
				continue
			}
			for _, h := range doc.Households {
				if h.ID == res.Household {
					add(h.Name, "name of a restricted person's home")
					add(h.Locality, "locality of a restricted person's home")
				}
			}
		}
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

// checkSecrets looks for every secret in out, as it is and with its
// entities decoded (a name with an apostrophe is written &#39;).
func checkSecrets(t *testing.T, what string, out []byte, secrets []secret, aud Audience) {
	t.Helper()
	text := string(out) + "\n" + stdhtml.UnescapeString(string(out))
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
			secrets := secretsOf(f.doc, in.Flags, child)
			for _, kind := range mapKinds {
				for _, aud := range []Audience{Family, Child} {
					dot := buildDOT(t, f, child, kind, aud)
					checkSecrets(t, f.name+" "+child+" "+kind+" "+string(aud)+" DOT", dot, secrets, aud)
				}
			}
		}
	}
}

// TestNoConfidentialStringsInSVG renders every map of every looked-after
// child of every family for the family and child audiences and checks
// the whole SVG: text, <title>, <desc>, comments and attributes.
func TestNoConfidentialStringsInSVG(t *testing.T) {
	secrets := map[string][]secret{}
	for _, m := range allFixtureMaps(t) {
		if m.aud == Professional {
			continue
		}
		key := m.fam.name + " " + m.child
		if secrets[key] == nil {
			secrets[key] = secretsOf(m.fam.doc, childInput(m.fam, m.child, Family).Flags, m.child)
		}
		checkSecrets(t, m.String()+" SVG", m.svg, secrets[key], m.aud)
	}
}

// TestRestrictedPersonsHomeHidden pins the case that the secrets above
// catch in the fixtures: on the family map of Mason Balcairn, whose
// contact with his mother is restricted, his half-sister Poppy, who lives
// with their mother, is shown without her home's name or town, and so
// is anyone living in the same town; the professional map shows both.
func TestRestrictedPersonsHomeHidden(t *testing.T) {
	var fam family
	for _, f := range loadFamilies(t) {
		if f.name == "balcairn" {
			fam = f
		}
	}
	if fam.name == "" {
		t.Skip("no balcairn fixture")
	}
	for _, tc := range []struct {
		aud  Audience
		want bool
	}{{Professional, true}, {Family, false}, {Child, false}} {
		for _, kind := range []string{"child", "siblings"} {
			dot := string(buildDOT(t, fam, "bal-mason", kind, tc.aud))
			for _, s := range []string{"Mum&#39;s house", "Strathvenn"} {
				if got := strings.Contains(dot, s); got != tc.want {
					t.Errorf("%s %s map: shows %q: got %v, want %v", tc.aud, kind, s, got, tc.want)
				}
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
