package analysis

import (
	"bytes"
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
)

// attack is what a reader of a published report can set up: one unknown
// per suppressed count and per count the report leaves out but implies
// (the complements), and the additive identities between the figures,
// written here independently of Publish.
type attack struct {
	names  []string
	truth  []int
	known  []bool
	hidden []bool  // a complement, never printed
	eqs    [][]int // each: the sum of the first entries equals the last
}

func (a *attack) v(name string, truth int, c *Cell) int {
	a.names = append(a.names, name)
	a.truth = append(a.truth, truth)
	a.known = append(a.known, c != nil && !c.Suppressed)
	a.hidden = append(a.hidden, c == nil)
	return len(a.names) - 1
}

func (a *attack) eq(total int, parts ...int) { a.eqs = append(a.eqs, append(parts, total)) }

func attackOf(r Report, p PublishedReport) *attack {
	a := &attack{}
	lac := a.v("looked_after", r.LookedAfterChildren, &p.LookedAfterChildren)
	with := a.v("with_sibling", r.WithLookedAfterSibling, &p.WithLookedAfterSibling)
	a.eq(lac, with, a.v("without_sibling", r.LookedAfterChildren-r.WithLookedAfterSibling, nil))
	a.eq(lac, a.v("not_recorded", r.HouseholdNotRecorded, &p.HouseholdNotRecorded), a.v("recorded", r.LookedAfterChildren-r.HouseholdNotRecorded, nil))
	asd := r.assessed()
	sep, not, all := a.v("separated", r.Separated, &p.Separated), a.v("not_separated", asd-r.Separated, nil), a.v("assessed", asd, &p.Assessed)
	a.eq(all, sep, not)
	// With no home unrecorded shown, a reader knows that every child with
	// a looked-after sibling is assessed.
	var unassessed *Cell
	if !p.HouseholdNotRecorded.Suppressed && p.HouseholdNotRecorded.Value == 0 {
		unassessed = &Cell{}
	}
	a.eq(with, all, a.v("with_sibling_not_assessed", r.WithLookedAfterSibling-asd, unassessed))
	for ti, t := range [][]Rate{r.BySiblings, r.ByPlacement, r.ByAgeBand, r.ByTimeLookedAfter} {
		pub := [][]PublishedRate{p.BySiblings, p.ByPlacement, p.ByAgeBand, p.ByTimeLookedAfter}[ti]
		var ss, ns, cs []int
		for i, rt := range t {
			s := a.v(rt.Category+" separated", rt.Separated, &pub[i].Separated)
			n := a.v(rt.Category+" not separated", rt.Children-rt.Separated, nil)
			c := a.v(rt.Category+" children", rt.Children, &pub[i].Children)
			a.eq(c, s, n)
			ss, ns, cs = append(ss, s), append(ns, n), append(cs, c)
		}
		a.eq(sep, ss...)
		a.eq(not, ns...)
		a.eq(all, cs...)
	}
	g := r.Groups
	gs := a.v("groups", g.Groups, &p.Groups.Groups)
	tg, pt, ap := a.v("together", g.Together, &p.Groups.Together), a.v("partly", g.PartlyTogether, &p.Groups.PartlyTogether), a.v("apart", g.Apart, &p.Groups.Apart)
	sp := a.v("split", g.PartlyTogether+g.Apart, &p.Groups.Split)
	a.eq(gs, tg, pt, ap)
	a.eq(sp, pt, ap)
	seps := a.v("separations", r.Separations, &p.Separations)
	a.eq(seps, a.v("no_reason", r.SeparationsNoReason, &p.SeparationsNoReason), a.v("with_reason", r.Separations-r.SeparationsNoReason, nil))
	// The separations by contact and by estrangement: two more partitions.
	for ti, t := range [][]Count{r.SeparationsByContact, r.Estrangement} {
		pub := [][]PublishedCount{p.SeparationsByContact, p.Estrangement}[ti]
		var parts []int
		for i, k := range t {
			parts = append(parts, a.v(k.Category+" pairs", k.Pairs, &pub[i].Pairs))
		}
		a.eq(seps, parts...)
	}
	return a
}

// determined reports, for each unknown, whether the known values and the
// identities fix it: its unit vector lies in the row space of the
// identities over the unknowns (exact rational elimination).
func (a *attack) determined() map[int]bool {
	var unknowns []int
	col := map[int]int{}
	for i, k := range a.known {
		if !k {
			col[i] = len(unknowns)
			unknowns = append(unknowns, i)
		}
	}
	var rows [][]*big.Rat
	for _, e := range a.eqs {
		row := make([]*big.Rat, len(unknowns))
		for j := range row {
			row[j] = new(big.Rat)
		}
		nz := false
		for i, x := range e {
			coef := int64(1)
			if i == len(e)-1 {
				coef = -1
			}
			if j, ok := col[x]; ok {
				row[j].Add(row[j], big.NewRat(coef, 1))
				nz = true
			}
		}
		if nz {
			rows = append(rows, row)
		}
	}
	base := ratRank(rows)
	out := map[int]bool{}
	for j, u := range unknowns {
		e := make([]*big.Rat, len(unknowns))
		for k := range e {
			e[k] = new(big.Rat)
		}
		e[j].SetInt64(1)
		out[u] = ratRank(append(cloneRat(rows), e)) == base
	}
	return out
}

func cloneRat(m [][]*big.Rat) [][]*big.Rat {
	out := make([][]*big.Rat, len(m))
	for i, r := range m {
		out[i] = make([]*big.Rat, len(r))
		for j, x := range r {
			out[i][j] = new(big.Rat).Set(x)
		}
	}
	return out
}

func ratRank(m [][]*big.Rat) int {
	if len(m) == 0 {
		return 0
	}
	r := 0
	for c := 0; c < len(m[0]) && r < len(m); c++ {
		p := -1
		for i := r; i < len(m); i++ {
			if m[i][c].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		m[r], m[p] = m[p], m[r]
		for i := range m {
			if i == r || m[i][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(m[i][c], m[r][c])
			for j := c; j < len(m[i]); j++ {
				m[i][j].Sub(m[i][j], new(big.Rat).Mul(f, m[r][j]))
			}
		}
		r++
	}
	return r
}

// Random small authorities: after disclosure control no count from 1 to
// the threshold is shown or can be worked out from the shown figures and
// the totals, shown counts are the true ones, and rates are shown only
// with their numerator and denominator.
func TestPublishCannotBeRecovered(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	suppressed, secondary := 0, 0
	for run := range 150 {
		children := 2 + rng.IntN(40)
		threshold := DefaultThreshold
		if run%3 == 2 {
			threshold = 1 + rng.IntN(6)
		}
		doc := fixtures.Generate(fixtures.GenConfig{Seed: uint64(run + 1), Children: children})
		day := fixtures.DefaultAsOf.AddDays(-rng.IntN(5 * 365))
		r := SiblingPlacementReport(&graph.Network{AsOf: day, Records: doc.Records})
		p := Publish(r, threshold)
		a := attackOf(r, p)
		det := a.determined()
		for i, name := range a.names {
			small := a.truth[i] >= 1 && a.truth[i] <= threshold
			switch {
			case a.known[i] && small:
				t.Errorf("run %d (%d children, threshold %d): %s = %d is shown", run, children, threshold, name, a.truth[i])
			case !a.known[i] && !a.hidden[i] && det[i]:
				t.Errorf("run %d (%d children, threshold %d): suppressed %s = %d can be worked out", run, children, threshold, name, a.truth[i])
			case a.hidden[i] && small && det[i]:
				t.Errorf("run %d (%d children, threshold %d): %s = %d can be worked out by subtraction", run, children, threshold, name, a.truth[i])
			}
			if !a.known[i] && !a.hidden[i] {
				suppressed++
				if !small {
					secondary++
				}
			}
		}
		checkShown(t, r, p)
	}
	if suppressed == 0 || secondary == 0 {
		t.Errorf("got %d suppressed counts, %d of them secondary: the test checks nothing", suppressed, secondary)
	}
}

// checkShown: shown counts are the report's, rates follow their cells.
func checkShown(t *testing.T, r Report, p PublishedReport) {
	t.Helper()
	u := Unsuppressed(r)
	for i := range p.BySiblings {
		for _, pair := range [][2]PublishedRate{{p.BySiblings[i], u.BySiblings[i]}, {p.ByPlacement[i], u.ByPlacement[i]}} {
			got, all := pair[0], pair[1]
			if !got.Children.Suppressed && got.Children != all.Children || !got.Separated.Suppressed && got.Separated != all.Separated {
				t.Errorf("%s: shown %v/%v, true %v/%v", got.Category, got.Separated, got.Children, all.Separated, all.Children)
			}
			if got.Rate.Suppressed != (got.Children.Suppressed || got.Separated.Suppressed) || !got.Rate.Suppressed && got.Rate != all.Rate {
				t.Errorf("%s: rate %v with cells %v/%v", got.Category, got.Rate, got.Separated, got.Children)
			}
		}
	}
	for ti, rts := range [][]PublishedRate{p.ByAgeBand, p.ByTimeLookedAfter} {
		all := [][]PublishedRate{u.ByAgeBand, u.ByTimeLookedAfter}[ti]
		for i, got := range rts {
			if !got.Children.Suppressed && got.Children != all[i].Children || !got.Separated.Suppressed && got.Separated != all[i].Separated ||
				got.Rate.Suppressed != (got.Children.Suppressed || got.Separated.Suppressed) || !got.Rate.Suppressed && got.Rate != all[i].Rate {
				t.Errorf("%s: shown %v/%v rate %v, true %v/%v", got.Category, got.Separated, got.Children, got.Rate, all[i].Separated, all[i].Children)
			}
		}
	}
	for ti, cs := range [][]PublishedCount{p.SeparationsByContact, p.Estrangement} {
		all := [][]PublishedCount{u.SeparationsByContact, u.Estrangement}[ti]
		for i, got := range cs {
			if !got.Pairs.Suppressed && got.Pairs != all[i].Pairs || got.Share.Suppressed != (got.Pairs.Suppressed || p.Separations.Suppressed) {
				t.Errorf("%s: shown %v share %v, true %v", got.Category, got.Pairs, got.Share, all[i].Pairs)
			}
		}
	}
	if !p.LookedAfterChildren.Suppressed && p.LookedAfterChildren.Value != r.LookedAfterChildren {
		t.Errorf("looked-after children: shown %v, true %d", p.LookedAfterChildren, r.LookedAfterChildren)
	}
}

// The hand-worked authority: what is shown, what is hidden, in JSON and CSV.
func TestPublishSmallAuthority(t *testing.T) {
	r := SiblingPlacementReport(smallAuthority().net())
	p := Publish(r, 0)
	if !p.Disclosure.Suppressed || p.Disclosure.Threshold != DefaultThreshold {
		t.Errorf("disclosure: got %+v", p.Disclosure)
	}
	// 13 looked-after children is shown; every other count is 1 to 4 or
	// would give one away.
	if p.LookedAfterChildren != (Cell{Value: 13}) || !p.Separated.Suppressed || !p.SeparatedRate.Suppressed {
		t.Errorf("got looked after %v, separated %v rate %v; want 13, c, c", p.LookedAfterChildren, p.Separated, p.SeparatedRate)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"separated":"c"`) || !strings.Contains(string(b), `"looked_after_children":13`) {
		t.Errorf("json: %s", b)
	}
	var back PublishedReport
	if err := json.Unmarshal(b, &back); err != nil || back.LookedAfterChildren != p.LookedAfterChildren || back.Separated != p.Separated {
		t.Errorf("json round trip: %v %+v", err, back)
	}
	var buf bytes.Buffer
	if err := p.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "children,separated,c,") || !strings.Contains(buf.String(), "disclosure,suppressed") {
		t.Errorf("csv:\n%s", buf.String())
	}
	buf.Reset()
	if err := Unsuppressed(r).WriteCSV(&buf); err != nil || !strings.Contains(buf.String(), "UNSUPPRESSED") || !strings.Contains(buf.String(), "children,separated,7,9,0.7778") {
		t.Errorf("unsuppressed csv (%v):\n%s", err, buf.String())
	}
}

// A large authority keeps most figures: control hides small cells only.
func TestPublishLargeAuthorityShowsFigures(t *testing.T) {
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 1, Children: 500})
	r := SiblingPlacementReport(&graph.Network{AsOf: fixtures.DefaultAsOf, Records: doc.Records})
	p := Publish(r, 0)
	if p.Separated != (Cell{Value: r.Separated}) || p.SeparatedRate != (RateCell{Value: r.SeparatedRate}) || p.Groups.Groups != (Cell{Value: r.Groups.Groups}) {
		t.Errorf("got separated %v rate %v groups %v; want %d %v %d shown", p.Separated, p.SeparatedRate, p.Groups.Groups, r.Separated, r.SeparatedRate, r.Groups.Groups)
	}
}
