package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
)

// Review compares two snapshots of the same child's network, before (as of
// the last review) and after (as of now), and returns how the child's
// connections changed, ordered by person, relationship and kind:
//
//   - gained: a relationship with the child that counts after but not before;
//   - lost: one that counted before and has ended (or is gone) since;
//   - moved_circle: the child placed the person in a different circle;
//   - contact_dropped: the contact arrangement was removed or reduced, or
//     there was contact in the period of the same length before the last
//     review and none since;
//   - changed: a restriction added, lifted or changed (as in force at each
//     date: one recorded to start after the last review counts as added),
//     contact increased, a separation reason recorded or changed, or a
//     sibling (by the legal definition) who now lives with the child and
//     did not, or the other way round, when both homes are recorded at
//     both dates;
//   - action_done, action_not_done, action_overdue: the child's plan
//     actions (review_plan.go).
//
// Details are plain language without names, so they can be shown to any
// audience. Snapshots of different children, or with after not later than
// before, give nil.
func Review(before, after *graph.Network) []Change {
	if before == nil || after == nil || before.Child == "" || before.Child != after.Child || !after.AsOf.After(before.AsOf) {
		return nil
	}
	b, a := newSnapshot(before), newSnapshot(after)
	child := after.Child
	old, now := b.childRels(child), a.childRels(child)
	ids := make([]graph.ID, 0, len(old)+len(now))
	for id := range old {
		ids = append(ids, id)
	}
	for id := range now {
		ids = append(ids, id)
	}
	out := []Change{} // empty, not nil: encodes as []
	for _, id := range sortedIDs(ids) {
		ro, rn := old[id], now[id]
		switch {
		case ro == nil:
			out = append(out, Change{Kind: Gained, Person: rn.Other(child), Relationship: id,
				Detail: fmt.Sprintf("new %s relationship since the last review", kindWord(rn.Kind))})
		case rn == nil:
			detail := fmt.Sprintf("%s relationship no longer recorded", kindWord(ro.Kind))
			if r := a.relationship(id); r != nil && r.Span().Ended(a.day) {
				detail = fmt.Sprintf("%s relationship ended on %s", kindWord(ro.Kind), r.Until)
			}
			out = append(out, Change{Kind: Lost, Person: ro.Other(child), Relationship: id, Detail: detail})
		default:
			out = append(out, compareRel(child, withRestrictionOn(ro, b.day), withRestrictionOn(rn, a.day))...)
		}
	}
	out = append(out, contactStopped(b, a, child)...)
	out = append(out, livingChanged(b, a, child)...)
	out = append(out, planChanges(b, a, child)...)
	slices.SortStableFunc(out, func(x, y Change) int {
		return cmp.Or(strings.Compare(x.Person, y.Person), strings.Compare(x.Relationship, y.Relationship),
			strings.Compare(string(x.Kind), string(y.Kind)))
	})
	return out
}

// childRels returns the relationships of id that count at the date, by id.
func (s *snapshot) childRels(id graph.ID) map[graph.ID]*graph.Relationship {
	out := map[graph.ID]*graph.Relationship{}
	for _, r := range s.ix.Relationships(id) {
		if r.From != r.To && s.current(r) {
			out[r.ID] = r
		}
	}
	return out
}

// relationship returns the relationship with id, or nil.
func (s *snapshot) relationship(id graph.ID) *graph.Relationship {
	for i := range s.n.Relationships {
		if s.n.Relationships[i].ID == id {
			return &s.n.Relationships[i]
		}
	}
	return nil
}

// withRestrictionOn returns r, or a copy of r without its restriction when
// the restriction is not yet in force on day.
func withRestrictionOn(r *graph.Relationship, day graph.Date) *graph.Relationship {
	if r.Restriction == nil || restrictionOn(r, day) != nil {
		return r
	}
	c := *r
	c.Restriction = nil
	return &c
}

// compareRel reports the changes to one relationship that counts at both
// dates.
func compareRel(child graph.ID, ro, rn *graph.Relationship) []Change {
	var out []Change
	person := rn.Other(child)
	add := func(k ChangeKind, detail string) {
		out = append(out, Change{Kind: k, Person: person, Relationship: rn.ID, Detail: detail})
	}
	co, cn := circleOf([]*graph.Relationship{ro}, child), circleOf([]*graph.Relationship{rn}, child)
	if co != cn {
		add(MovedCircle, fmt.Sprintf("moved from %s to %s", circleWords(co), circleWords(cn)))
	}
	if k, detail := arrangementDetail(ro.Contact, rn.Contact); detail != "" {
		add(k, detail)
	}
	switch {
	case ro.Restriction == nil && rn.Restriction != nil:
		add(Changed, "restriction added: "+restrictionText(rn.Restriction))
	case ro.Restriction != nil && rn.Restriction == nil:
		add(Changed, "restriction lifted: was "+restrictionText(ro.Restriction))
	case ro.Restriction != nil && (ro.Restriction.Kind != rn.Restriction.Kind || ro.Restriction.Basis != rn.Restriction.Basis):
		add(Changed, fmt.Sprintf("restriction changed from %s to %s", restrictionText(ro.Restriction), restrictionText(rn.Restriction)))
	}
	switch {
	case ro.Separation == nil && rn.Separation != nil:
		add(Changed, "separation reason recorded: "+reasonWords[rn.Separation.Reason])
	case ro.Separation != nil && rn.Separation == nil:
		add(Changed, "separation reason removed")
	case ro.Separation != nil && ro.Separation.Reason != rn.Separation.Reason:
		add(Changed, "separation reason changed to: "+reasonWords[rn.Separation.Reason])
	}
	for _, s := range newViews(ro.Said, rn.Said) {
		who := "the other person"
		if s.By == child {
			who = "the child"
		}
		add(Changed, "view recorded from "+who+" on "+s.On.String())
	}
	return out
}

// newViews returns the views of now that were not in before.
func newViews(before, now []graph.Said) []graph.Said {
	var out []graph.Said
	for _, s := range now {
		if !slices.ContainsFunc(before, func(b graph.Said) bool { return b.By == s.By && b.On.Equal(s.On) && b.Words == s.Words }) {
			out = append(out, s)
		}
	}
	return out
}

// contactStopped reports people with contact with the child in the period
// of the same length before the last review and none since: no contact
// record and no time living together after the last review, and, when a
// frequency is planned, longer than its gap since the last contact.
func contactStopped(b, a *snapshot, child graph.ID) []Change {
	period := a.day.DaysSince(b.day)
	from := b.day.AddDays(-period)
	var out []Change
	for _, other := range a.currentOthers(child) {
		var before, since bool
		var last graph.Date
		for _, c := range a.ix.Contacts(child, other) {
			switch {
			case c.Date.After(a.day):
			case c.Date.After(b.day):
				since = true
			case !c.Date.Before(from):
				before = true
				if c.Date.After(last) {
					last = c.Date
				}
			}
		}
		if together, ok := a.lastTogether(child, other); ok && together.After(b.day) {
			since = true
		}
		if plan := bestArrangement(a.between(child, other)); plan != nil && a.day.DaysSince(last) <= plan.Frequency.Days() {
			since = true // not yet due
		}
		if before && !since {
			out = append(out, Change{Kind: ContactDropped, Person: other,
				Detail: fmt.Sprintf("no contact since the last review (last contact %s)", last)})
		}
	}
	return out
}

// livingChanged reports the siblings of the child at the later date who
// moved in with the child, or apart, between the two dates. When a home
// is not recorded at either date nothing is said.
func livingChanged(b, a *snapshot, child graph.ID) []Change {
	var out []Change
	for _, t := range a.siblingsOf(child) {
		before, okb := b.together(child, t.other)
		now, oka := a.together(child, t.other)
		if !okb || !oka || before == now {
			continue
		}
		c := Change{Kind: Changed, Person: t.other,
			Detail: "now living in the same home; they lived apart at the last review"}
		if !now {
			c.Detail = "now living in different homes; they lived together at the last review"
		}
		if len(t.rels) > 0 {
			c.Relationship = t.rels[0].ID
		}
		out = append(out, c)
	}
	return out
}

// together reports whether x and y live in the same household at the
// date, and false for known when either household is not recorded.
func (s *snapshot) together(x, y graph.ID) (same, known bool) {
	hx, hy := s.household(x), s.household(y)
	if hx == nil || hy == nil {
		return false, false
	}
	return hx.ID == hy.ID, true
}

// arrangementDetail describes how the contact arrangement changed, with
// its change kind; "" when it did not.
func arrangementDetail(o, n *graph.Arrangement) (ChangeKind, string) {
	from, to := reviewArrangementText(o), reviewArrangementText(n)
	switch d := arrangementChange(o, n); {
	case d < 0 && o == nil:
		return ContactDropped, "contact arrangement recorded as " + to + " (no arrangement was recorded before)"
	case d < 0:
		return ContactDropped, fmt.Sprintf("contact arrangement reduced from %s to %s", from, to)
	case d > 0:
		return Changed, fmt.Sprintf("contact arrangement increased from %s to %s", from, to)
	case !sameArrangement(o, n):
		return Changed, fmt.Sprintf("contact arrangement changed from %s to %s", from, to)
	}
	return "", ""
}

// reviewArrangementText is arrangementText, telling an arrangement of no
// contact from one that is not recorded.
func reviewArrangementText(a *graph.Arrangement) string {
	if a == nil {
		return "no recorded arrangement"
	}
	return arrangementText(a)
}

// arrangementChange compares two arrangements: negative when contact was
// reduced (or removed), positive when increased, zero when neither can be
// said. An arrangement of no contact recorded where none was recorded
// before is a reduction, not an increase; removing the record of an
// arrangement of no contact is neither.
func arrangementChange(o, n *graph.Arrangement) int {
	switch {
	case o == nil && n == nil:
		return 0
	case o == nil && n.Mode == graph.ContactNone:
		return -1
	case o == nil:
		return 1
	case n == nil && o.Mode == graph.ContactNone:
		return 0
	case n == nil:
		return -1
	}
	if mo, mn := modeRank(o.Mode), modeRank(n.Mode); mo != mn {
		return cmp.Compare(mn, mo)
	}
	if o.Frequency == n.Frequency {
		return 0
	}
	do, dn := o.Frequency.Days(), n.Frequency.Days()
	if do == 0 || dn == 0 { // as agreed, or not recorded: not comparable
		return 0
	}
	return cmp.Compare(do, dn) // a longer gap is less contact
}

func sameArrangement(o, n *graph.Arrangement) bool {
	if o == nil || n == nil {
		return o == n
	}
	return *o == *n
}

func circleWords(c graph.Circle) string {
	if c == "" {
		return "no circle"
	}
	return "the " + string(c) + " circle"
}

func kindWord(k graph.RelKind) string { return strings.ReplaceAll(string(k), "_", " ") }
