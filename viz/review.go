package viz

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// ReviewDOT returns the DOT of a review map: the child's connections
// between two dates, with gained, lost and changed connections styled
// distinctly and each change written on the person it concerns. in.Network
// is the later snapshot (as of now), before the earlier one (as of the last
// review); changes are usually analysis.Review(before, in.Network). Flags
// are not drawn on a review map.
func ReviewDOT(in Input, before *graph.Network, changes []analysis.Change) ([]byte, error) {
	v, err := reviewView(in, before, changes)
	if err != nil {
		return nil, err
	}
	return radialDOT(v), nil
}

// merged returns after with the records of before that after lacks, so
// that people who have left the child's network can still be named.
func merged(before, after *graph.Network) *graph.Network {
	m := &graph.Network{Child: after.Child, AsOf: after.AsOf}
	m.Records = after.Records
	m.People = slices.Clone(after.People)
	m.Households = slices.Clone(after.Households)
	m.Residences = slices.Clone(after.Residences)
	m.Relationships = slices.Clone(after.Relationships)
	has := func(n int, id func(int) graph.ID) map[graph.ID]bool {
		s := map[graph.ID]bool{}
		for i := range n {
			s[id(i)] = true
		}
		return s
	}
	people := has(len(after.People), func(i int) graph.ID { return after.People[i].ID })
	for _, p := range before.People {
		if !people[p.ID] {
			m.People = append(m.People, p)
		}
	}
	hh := has(len(after.Households), func(i int) graph.ID { return after.Households[i].ID })
	for _, h := range before.Households {
		if !hh[h.ID] {
			m.Households = append(m.Households, h)
		}
	}
	res := has(len(after.Residences), func(i int) graph.ID { return after.Residences[i].ID })
	for _, r := range before.Residences {
		if !res[r.ID] {
			m.Residences = append(m.Residences, r)
		}
	}
	m.Sort()
	return m
}

func reviewView(in Input, before *graph.Network, changes []analysis.Change) (*mapView, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	if before == nil {
		return nil, fmt.Errorf("viz: %w", graph.Invalid("before", "is required"))
	}
	if before.AsOf.IsZero() || !before.AsOf.Before(in.Network.AsOf) {
		return nil, fmt.Errorf("viz: %w", graph.Invalid("before.as_of", "must be before the later snapshot's date"))
	}
	child := in.child()
	all := merged(before, in.Network)
	r := newRedactor(in.Audience, all, child)
	rb := newRedactor(in.Audience, before, child)

	v := &mapView{aud: in.Audience}
	r.centre(v)
	childName := v.child.name
	if in.Audience == Child {
		childName = "me"
	}
	nowConns := map[graph.ID]*connection{}
	for _, c := range connections(newRedactor(in.Audience, in.Network, child), nil) {
		nowConns[c.p.ID] = c
	}
	thenConns := map[graph.ID]*connection{}
	for _, c := range connections(rb, nil) {
		thenConns[c.p.ID] = c
	}
	byPerson := map[graph.ID][]analysis.Change{}
	for _, ch := range changes {
		byPerson[ch.Person] = append(byPerson[ch.Person], ch)
	}
	var ids []graph.ID
	for id := range nowConns {
		ids = append(ids, id)
	}
	for id := range thenConns {
		if nowConns[id] == nil {
			ids = append(ids, id)
		}
	}
	for id := range byPerson {
		if nowConns[id] == nil && thenConns[id] == nil && r.ix.Person(id) != nil {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	counts := map[analysis.ChangeKind]int{}
	for _, id := range ids {
		c, then := nowConns[id], thenConns[id]
		var pv personView
		switch {
		case c != nil:
			pv = r.personFor(c, childName)
		case then != nil:
			pv = rb.personFor(then, childName)
		default:
			p := r.ix.Person(id)
			pv = r.personFor(&connection{p: p, f: factsBetween(r.ix, child, id, r.asOf)}, childName)
		}
		// A review map shows who and what changed, not the contact detail.
		pv.contact, pv.restriction, pv.separation, pv.notes, pv.badges = nil, nil, nil, "", nil
		pv.home = nil
		hidden := !r.may(fRestrictedDetail) && r.restricted(child, id)
		chs := byPerson[id]
		pv.line = reviewLine(chs)
		thenRing, nowRing := 0, 0
		if then != nil {
			thenRing = ringOf(then, child)
		}
		if c != nil {
			nowRing = ringOf(c, child)
		}
		for _, ch := range chs {
			counts[ch.Kind]++
			text := changeWord(ch.Kind, r.aud)
			if ch.Kind == analysis.MovedCircle && thenRing > 0 && nowRing > 0 && r.may(fCircle) {
				text = movedWords(thenRing, nowRing, r.aud)
			}
			detailed := ch.Kind == analysis.ContactDropped || ch.Kind == analysis.Changed
			if detailed && r.may(fChangeDetail) && !hidden && clean(ch.Detail) != "" {
				text += ": " + shorten(ch.Detail, 60)
			}
			text = changeMark[ch.Kind] + " " + text
			if !slices.ContainsFunc(pv.badges, func(b badge) bool { return b.text == text }) {
				pv.badges = append(pv.badges, badge{text: text})
			}
		}
		if pv.line == lineLostReview && nowRing == 0 && thenRing > 0 {
			pv.ring = thenRing
		}
		v.people = append(v.people, pv)
	}
	sortPeople(v.people)
	v.legend = legendFor(v.people, in.Audience, false)
	var title string
	switch in.Audience {
	case Professional:
		title = "Review of connections: " + v.child.name
	case Family:
		title = possessive(v.child.name) + " connections: what has changed"
	default:
		title = "What has changed for " + v.child.name
	}
	v.title = title
	v.subtitle = "From " + longDate(before.AsOf) + " to " + longDate(in.Network.AsOf) + " · Generated on " + longDate(in.Generated)
	var parts []string
	for _, k := range []analysis.ChangeKind{analysis.Gained, analysis.Lost, analysis.ContactDropped, analysis.MovedCircle, analysis.Changed} {
		if counts[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s: %d", changeWord(k, in.Audience), counts[k]))
		}
	}
	intro := "No changes."
	if len(parts) > 0 {
		intro = strings.Join(parts, "; ") + "."
	}
	r.describe(v, intro)
	return v, nil
}

// changeMark starts a change's words, so that a change is told apart
// without colour (and in the text of the SVG).
var changeMark = map[analysis.ChangeKind]string{analysis.Gained: "+", analysis.Lost: "−",
	analysis.ContactDropped: "↓", analysis.MovedCircle: "↔", analysis.Changed: "~"}

// reviewLine is the line of a person on a review map: the most telling of
// their changes.
func reviewLine(chs []analysis.Change) lineState {
	order := []struct {
		k analysis.ChangeKind
		l lineState
	}{{analysis.Lost, lineLostReview}, {analysis.Gained, lineGained}, {analysis.ContactDropped, lineDropped},
		{analysis.MovedCircle, lineChanged}, {analysis.Changed, lineChanged}}
	for _, o := range order {
		for _, c := range chs {
			if c.Kind == o.k {
				return o.l
			}
		}
	}
	return lineUnchanged
}

// movedWords says how a person moved between circles.
func movedWords(from, to int, aud Audience) string {
	if aud == Child {
		if to < from {
			return "Moved closer to me"
		}
		return "Moved further away"
	}
	names := [...]string{"", "closest", "close", "further", "not recorded"}
	return "Moved circle: " + names[from] + " to " + names[to]
}
