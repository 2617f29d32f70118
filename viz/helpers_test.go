package viz

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// The dates the fixtures are designed around.
var (
	demoDate   = graph.MustDate("2026-11-01")
	reviewDate = graph.MustDate("2024-06-01")
	genDate    = graph.MustDate("2026-11-02")
)

// family is a loaded fixture family.
type family struct {
	name     string
	doc      graph.Document
	children []graph.ID // looked-after children, by id
	focus    graph.ID   // the child the golden maps are drawn for
}

func loadFamilies(t testing.TB) []family {
	t.Helper()
	fams, err := fixtures.Families()
	if err != nil {
		t.Fatalf("fixtures.Families: %v", err)
	}
	var out []family
	for _, f := range fams {
		fam := family{name: f.Name, doc: f.Doc}
		counts := map[graph.ID]int{}
		for _, p := range f.Doc.People {
			if p.LookedAfter {
				fam.children = append(fam.children, p.ID)
			}
		}
		slices.Sort(fam.children)
		for _, r := range f.Doc.Relationships {
			counts[r.From]++
			counts[r.To]++
		}
		for _, c := range fam.children {
			if fam.focus == "" || counts[c] > counts[fam.focus] {
				fam.focus = c
			}
		}
		if fam.focus == "" && len(f.Doc.People) > 0 {
			fam.focus = f.Doc.People[0].ID
		}
		out = append(out, fam)
	}
	if len(out) == 0 {
		t.Fatal("no fixture families")
	}
	return out
}

// childInput is the input of a child's map from a family.
func childInput(f family, child graph.ID, aud Audience) Input {
	n := f.doc.Snapshot(child, demoDate)
	return Input{Network: n, Flags: analysis.Flags(n, analysis.DefaultOptions()), Audience: aud, Generated: genDate}
}

// siblingArgs returns the input and group of a child's sibling-group map.
func siblingArgs(f family, child graph.ID, aud Audience) (Input, analysis.SiblingGroup) {
	in := childInput(f, child, aud)
	g, ok := analysis.SiblingGroupOf(in.Network, child)
	if !ok {
		g = analysis.SiblingGroup{Members: []analysis.GroupMember{{Person: child}}, Status: analysis.NotApplicable}
	}
	return in, g
}

// reviewArgs returns the inputs of a child's review map.
func reviewArgs(f family, child graph.ID, aud Audience) (Input, *graph.Network, []analysis.Change) {
	in := childInput(f, child, aud)
	before := f.doc.Snapshot(child, reviewDate)
	return in, before, analysis.Review(before, in.Network)
}

// mapKinds are the three maps, for loops over everything.
var mapKinds = []string{"child", "siblings", "review"}

// buildDOT builds one kind of map for a family's child.
func buildDOT(t testing.TB, f family, child graph.ID, kind string, aud Audience) []byte {
	t.Helper()
	var b []byte
	var err error
	switch kind {
	case "child":
		b, err = ChildMapDOT(childInput(f, child, aud))
	case "siblings":
		in, g := siblingArgs(f, child, aud)
		b, err = SiblingGroupDOT(in, g)
	case "review":
		in, before, changes := reviewArgs(f, child, aud)
		b, err = ReviewDOT(in, before, changes)
	}
	if err != nil {
		t.Fatalf("%s %s %s %s: %v", f.name, child, kind, aud, err)
	}
	return b
}

func fileName(f family, kind string, aud Audience) string {
	return strings.Join([]string{f.name, kind, string(aud)}, "-")
}

// builder makes small synthetic networks by hand.
type builder struct {
	n   graph.Network
	seq int
}

func newBuilder(child string, asOf graph.Date) *builder {
	return &builder{n: graph.Network{Child: child, AsOf: asOf}}
}

func (b *builder) id(prefix string) string {
	b.seq++
	return fmt.Sprintf("%s-%d", prefix, b.seq)
}

func (b *builder) person(p graph.Person) *builder {
	b.n.People = append(b.n.People, p)
	return b
}

func (b *builder) home(h graph.Household, residents ...string) *builder {
	b.n.Households = append(b.n.Households, h)
	for _, r := range residents {
		b.n.Residences = append(b.n.Residences, graph.Residence{ID: b.id("res"), Person: r, Household: h.ID, From: graph.MustDate("2020-01-01")})
	}
	return b
}

func (b *builder) rel(r graph.Relationship) *builder {
	if r.ID == "" {
		r.ID = b.id("rel")
	}
	b.n.Relationships = append(b.n.Relationships, r)
	return b
}

func (b *builder) contact(from, to, date string) *builder {
	b.n.Contacts = append(b.n.Contacts, graph.Contact{ID: b.id("con"), From: from, To: to, Date: graph.MustDate(date), Kind: graph.ContactVisit})
	return b
}

func (b *builder) net() *graph.Network {
	b.n.Sort()
	return &b.n
}

// syntheticNetwork returns a child with n connections of every kind, in
// every circle and state: the benchmark and layout stress case.
func syntheticNetwork(n int) *graph.Network {
	asOf := graph.MustDate("2026-11-01")
	b := newBuilder("c", asOf)
	b.person(graph.Person{ID: "c", FullName: "Robin Example", DateOfBirth: graph.MustDate("2014-03-01"), LookedAfter: true, LookedAfterSince: graph.MustDate("2023-01-01")})
	b.home(graph.Household{ID: "h-care", Kind: graph.HouseholdFoster, Name: "Example foster home", Locality: "Testville", Address: "1 Example Row, Testville", Confidential: true}, "c")
	b.home(graph.Household{ID: "h-birth", Kind: graph.HouseholdBirthFamily, Name: "Family flat", Locality: "Sampleton", Address: "2 Sample Street, Sampleton"})
	kinds := []graph.RelKind{graph.RelSibling, graph.RelParent, graph.RelGrandparent, graph.RelOtherKin, graph.RelFosterCarer,
		graph.RelFriend, graph.RelProfessional, graph.RelOther}
	freqs := []graph.Frequency{graph.FreqWeekly, graph.FreqMonthly, graph.FreqYearly, graph.FreqAsAgreed}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("p%02d", i)
		k := kinds[i%len(kinds)]
		p := graph.Person{ID: id, FullName: fmt.Sprintf("Person%02d Surname%02d", i, i), AgeBand: graph.AgeAdult}
		if k == graph.RelOther && i%16 == 7 {
			p.Pet = true
		}
		b.person(p)
		r := graph.Relationship{From: id, To: "c", Kind: k}
		if k == graph.RelSibling {
			r.SiblingType = graph.SiblingHalf
		}
		r.ToView = &graph.View{Circle: graph.Circles[i%3], Words: fmt.Sprintf("words about person %d", i)}
		if i%5 == 4 {
			r.ToView.Circle = ""
		}
		switch i % 6 {
		case 0:
			r.Contact = &graph.Arrangement{Mode: graph.ContactDirect, Frequency: freqs[i%len(freqs)]}
		case 1:
			r.Contact = &graph.Arrangement{Mode: graph.ContactIndirect, Frequency: graph.FreqMonthly}
		case 2:
			r.Restriction = &graph.Restriction{Kind: graph.RestrictNoContact, Basis: graph.BasisOrder, Reason: "Synthetic reason text"}
			r.Contact = &graph.Arrangement{Mode: graph.ContactNone}
		case 3:
			r.Since, r.Until = graph.MustDate("2020-01-01"), graph.MustDate("2024-01-01")
		}
		b.rel(r)
		if i%3 == 0 {
			b.contact(id, "c", "2026-10-01")
		}
		if k == graph.RelFosterCarer {
			b.n.Residences = append(b.n.Residences, graph.Residence{ID: b.id("res"), Person: id, Household: "h-care", From: graph.MustDate("2020-01-01")})
		}
	}
	return b.net()
}
