package analysis

import (
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
)

// snapshot is a network indexed once and read at its date. Every analysis
// in the package goes through it (the authority report through
// reportIndex, which reads the records the same way), so that "counts at
// the date" means the same thing everywhere: a relationship counts only
// while its span covers the date; ended relationships are history.
type snapshot struct {
	n   *graph.Network
	ix  *graph.Index
	day graph.Date
}

func newSnapshot(n *graph.Network) *snapshot {
	return &snapshot{n: n, ix: graph.NewIndex(n), day: n.AsOf}
}

// newLeanSnapshot indexes only what placement questions need: people,
// households, residences and the relationships of the given kinds, without
// contact records. Authority-wide analyses use it, since indexing tens of
// thousands of contacts they never read would dominate their cost.
func newLeanSnapshot(n *graph.Network, kinds ...graph.RelKind) *snapshot {
	lean := &graph.Network{Child: n.Child, AsOf: n.AsOf, Records: graph.Records{
		People: n.People, Households: n.Households, Residences: n.Residences}}
	for _, r := range n.Relationships {
		if slices.Contains(kinds, r.Kind) {
			lean.Relationships = append(lean.Relationships, r)
		}
	}
	return newSnapshot(lean)
}

// current reports whether r counts at the snapshot's date.
func (s *snapshot) current(r *graph.Relationship) bool { return r.Span().Covers(s.day) }

// name is a person's display name for explanations.
func (s *snapshot) name(id graph.ID) string {
	if p := s.ix.Person(id); p != nil {
		return p.DisplayName()
	}
	return "a person not in the record"
}

// between returns the current relationships between a and b, in id order.
func (s *snapshot) between(a, b graph.ID) []*graph.Relationship {
	var out []*graph.Relationship
	for _, r := range s.ix.Relationships(a) {
		if r.Other(a) == b && r.From != r.To && s.current(r) {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(x, y *graph.Relationship) int { return strings.Compare(x.ID, y.ID) })
	return out
}

// started reports whether r had begun by the snapshot's date, ended or not.
func (s *snapshot) started(r *graph.Relationship) bool { return r.Span().Started(s.day) }

// parentRels returns the parent relationships naming id as the child (From
// is the parent) that had started by the date, ended or not: a parent in
// common makes two people siblings in law even after a parent
// relationship record has ended (adoption, death).
func (s *snapshot) parentRels(id graph.ID) []*graph.Relationship {
	var out []*graph.Relationship
	for _, r := range s.ix.Relationships(id) {
		if r.Kind == graph.RelParent && r.To == id && r.From != id && s.started(r) {
			out = append(out, r)
		}
	}
	return out
}

// isPet reports whether id is a pet (or unknown): pets are never siblings,
// carers or key people.
func (s *snapshot) isPet(id graph.ID) bool {
	p := s.ix.Person(id)
	return p == nil || p.Pet
}

// lookedAfterChild reports whether id is a child looked after at the date.
// An adult is never counted, even when still marked looked after.
func (s *snapshot) lookedAfterChild(id graph.ID) bool {
	p := s.ix.Person(id)
	return p != nil && !p.Pet && p.LookedAfterOn(s.day) && !p.IsAdult(s.day)
}

// adult reports whether id is an adult at the date: 18 or over, or of
// unrecorded age while being a parent, grandparent or carer of someone.
func (s *snapshot) adult(id graph.ID) bool {
	p := s.ix.Person(id)
	if p == nil || p.Pet {
		return false
	}
	switch p.Band(s.day) {
	case graph.AgeAdult:
		return true
	case graph.AgeUnknown:
		for _, r := range s.ix.Relationships(id) {
			if r.From == id && r.To != id && r.Kind.Directed() && s.current(r) {
				return true
			}
		}
	}
	return false
}

// household returns where id lives at the date, or nil.
func (s *snapshot) household(id graph.ID) *graph.Household { return s.ix.HouseholdOn(id, s.day) }

// sameHousehold reports whether a and b both have a recorded household at
// the date and it is the same one.
func (s *snapshot) sameHousehold(a, b graph.ID) bool {
	ha, hb := s.household(a), s.household(b)
	return ha != nil && hb != nil && ha.ID == hb.ID
}

// sibTie is a sibling of a person by the legal definition as far as the
// record shows: a current sibling relationship of any sub-kind, or a
// parent in common (full or half sibling by definition) through parent
// relationships that had started by the date, ended or not.
type sibTie struct {
	other      graph.ID
	rels       []*graph.Relationship // current sibling relationships between them
	parents    []graph.ID            // parents in common, in id order
	parentRels []graph.ID            // the parent relationships behind parents
}

// recorded reports whether a sibling relationship is recorded.
func (t sibTie) recorded() bool { return len(t.rels) > 0 }

// separation returns the recorded separation reason, if any.
func (t sibTie) separation() *graph.Separation {
	for _, r := range t.rels {
		if r.Separation != nil {
			return r.Separation
		}
	}
	return nil
}

// arrangement returns the best recorded contact arrangement, if any.
func (t sibTie) arrangement() *graph.Arrangement {
	var best *graph.Arrangement
	for _, r := range t.rels {
		if r.Contact != nil && (best == nil || modeRank(r.Contact.Mode) > modeRank(best.Mode)) {
			best = r.Contact
		}
	}
	return best
}

// restriction returns the most limiting restriction in force on day, if
// any.
func (t sibTie) restriction(day graph.Date) *graph.Restriction {
	return strongestRestriction(t.rels, day)
}

// strongestRestriction returns the most limiting restriction of rels in
// force on day (no contact over supervised only), or nil.
func strongestRestriction(rels []*graph.Relationship, day graph.Date) *graph.Restriction {
	var best *graph.Restriction
	for _, r := range rels {
		if in := restrictionOn(r, day); in != nil && (best == nil || in.Kind == graph.RestrictNoContact) {
			best = in
		}
	}
	return best
}

// restrictionOn returns r's restriction when it is in force on day, or
// nil: a restriction applies from its Since date (or always, when that is
// not recorded). It has no end date of its own and ends with the
// relationship, whose span callers check.
func restrictionOn(r *graph.Relationship, day graph.Date) *graph.Restriction {
	if r.Restriction == nil || r.Restriction.Since.After(day) {
		return nil
	}
	return r.Restriction
}

// noContactOn reports whether a restriction to no contact is in force on
// day for any of rels.
func noContactOn(rels []*graph.Relationship, day graph.Date) bool {
	r := strongestRestriction(rels, day)
	return r != nil && r.Kind == graph.RestrictNoContact
}

// siblingsOf returns the siblings of id at the date, in id order.
func (s *snapshot) siblingsOf(id graph.ID) []sibTie {
	ties := map[graph.ID]*sibTie{}
	get := func(o graph.ID) *sibTie {
		t := ties[o]
		if t == nil {
			t = &sibTie{other: o}
			ties[o] = t
		}
		return t
	}
	for _, r := range s.ix.Relationships(id) {
		if r.Kind == graph.RelSibling && r.From != r.To && s.current(r) && !s.isPet(r.Other(id)) {
			t := get(r.Other(id))
			t.rels = append(t.rels, r)
		}
	}
	for _, pr := range s.parentRels(id) {
		for _, cr := range s.ix.Relationships(pr.From) {
			o := cr.To
			if cr.Kind != graph.RelParent || cr.From != pr.From || o == id || o == pr.From || !s.started(cr) || s.isPet(o) {
				continue
			}
			t := get(o)
			if !slices.Contains(t.parents, pr.From) {
				t.parents = append(t.parents, pr.From)
			}
			t.parentRels = append(t.parentRels, pr.ID, cr.ID)
		}
	}
	out := make([]sibTie, 0, len(ties))
	for _, t := range ties {
		slices.Sort(t.parents)
		slices.SortFunc(t.rels, func(x, y *graph.Relationship) int { return strings.Compare(x.ID, y.ID) })
		slices.Sort(t.parentRels)
		t.parentRels = slices.Compact(t.parentRels)
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b sibTie) int { return strings.Compare(a.other, b.other) })
	return out
}

// lastTogether returns the last day on or before the date that a and b
// lived in the same household, and false if they never did.
func (s *snapshot) lastTogether(a, b graph.ID) (graph.Date, bool) {
	return lastTogether(s.ix.Residences(a), s.ix.Residences(b), s.day)
}

// lastTogether returns the last day on or before day that residences of
// ras and rbs were in the same household, and false if none were.
func lastTogether(ras, rbs []*graph.Residence, day graph.Date) (graph.Date, bool) {
	var last graph.Date
	for _, ra := range ras {
		for _, rb := range rbs {
			if ra.Household != rb.Household {
				continue
			}
			start := ra.From
			if rb.From.After(start) {
				start = rb.From
			}
			end := day
			if !ra.Until.IsZero() && ra.Until.Before(end) {
				end = ra.Until
			}
			if !rb.Until.IsZero() && rb.Until.Before(end) {
				end = rb.Until
			}
			if !end.Before(start) && (last.IsZero() || end.After(last)) {
				last = end
			}
		}
	}
	return last, !last.IsZero()
}

// lastSeen is the latest evidence of contact between a and b on or before
// the date: a contact record or the last day they lived together.
type lastSeen struct {
	date  graph.Date
	label string // "last_contact" or "last_lived_together"
}

func (s *snapshot) lastSeen(a, b graph.ID) (lastSeen, bool) {
	c, okc := s.ix.LastContact(a, b, s.day)
	t, okt := s.lastTogether(a, b)
	return latestSeen(c, okc, t, okt)
}

// latestSeen is the later of a last contact c (when okc) and the last day
// t of living together (when okt).
func latestSeen(c graph.Date, okc bool, t graph.Date, okt bool) (lastSeen, bool) {
	switch {
	case okt && (!okc || t.After(c)):
		return lastSeen{t, "last_lived_together"}, true
	case okc:
		return lastSeen{c, "last_contact"}, true
	}
	return lastSeen{}, false
}

// move is a change of the child's household.
type move struct {
	date     graph.Date
	from, to *graph.Household
}

// moves returns the moves of id up to the date, oldest first.
func (s *snapshot) moves(id graph.ID) []move {
	rs := slices.Clone(s.ix.Residences(id))
	slices.SortFunc(rs, func(a, b *graph.Residence) int {
		if c := a.From.Time().Compare(b.From.Time()); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	var out []move
	for i := 1; i < len(rs); i++ {
		if rs[i].From.After(s.day) {
			break
		}
		if rs[i].Household != rs[i-1].Household {
			out = append(out, move{date: rs[i].From, from: s.ix.Household(rs[i-1].Household), to: s.ix.Household(rs[i].Household)})
		}
	}
	return out
}

// role describes other as seen from child, from their current
// relationships: "half-sibling", "parent", "foster carer", "friend".
func (s *snapshot) role(child, other graph.ID) string {
	rels := s.between(child, other)
	best, bestRank := "connection", 100
	for _, r := range rels {
		word, rank := roleWord(r, child)
		if rank < bestRank {
			best, bestRank = word, rank
		}
	}
	return best
}

// roleWord names the role of r's other end for id, with a priority (lower
// is more important) to choose between several relationships.
func roleWord(r *graph.Relationship, id graph.ID) (string, int) {
	toward := r.To == id // the other end is From: parent, grandparent, carer of id
	switch r.Kind {
	case graph.RelSibling:
		if w := siblingTypeWords[r.SiblingType]; w != "" {
			return w, 0
		}
		return "sibling", 0
	case graph.RelParent:
		if toward {
			return "parent", 1
		}
		return "child", 1
	case graph.RelGrandparent:
		if toward {
			return "grandparent", 3
		}
		return "grandchild", 3
	case graph.RelKinshipCarer, graph.RelFosterCarer, graph.RelResidentialCarer:
		if toward {
			return strings.ReplaceAll(string(r.Kind), "_", " "), 2
		}
		return "person they care for", 6
	case graph.RelOtherKin:
		return "relative", 4
	case graph.RelFriend:
		return "friend", 5
	case graph.RelProfessional:
		return "professional", 7
	case graph.RelPartner:
		return "partner", 5
	}
	return "connection", 8
}

// circleOf returns the innermost circle id places other in, "" if none.
func circleOf(rels []*graph.Relationship, id graph.ID) graph.Circle {
	best := graph.Circle("")
	for _, r := range rels {
		v := r.ViewOf(id)
		if v == nil || v.Circle == "" {
			continue
		}
		if best == "" || slices.Index(graph.Circles, v.Circle) < slices.Index(graph.Circles, best) {
			best = v.Circle
		}
	}
	return best
}

// modeRank orders contact modes: direct > indirect > none > not recorded.
func modeRank(m graph.ContactMode) int {
	switch m {
	case graph.ContactDirect:
		return 3
	case graph.ContactIndirect:
		return 2
	case graph.ContactNone:
		return 1
	}
	return 0
}

// sortedIDs returns ids sorted and without duplicates.
func sortedIDs(ids []graph.ID) []graph.ID {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
