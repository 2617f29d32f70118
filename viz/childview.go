package viz

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// connection is one person connected to the child, with the records the
// view is worded from. It stays inside the view builders.
type connection struct {
	p     *graph.Person
	f     facts
	flags []flagRef
	only  bool // on the map only because a flag names them
}

type flagRef struct {
	f analysis.Flag
	n int // number in the findings list, from 1
}

// connections gathers everyone with a relationship to the child that had
// started by the date, plus (when the audience may see them) people only
// a flag names. Order: by person id.
func connections(r *redactor, flags []analysis.Flag) []*connection {
	ix, child, day := r.ix, r.child, r.asOf
	byID := map[graph.ID]*connection{}
	for _, rel := range ix.Relationships(child) {
		other := rel.Other(child)
		if other == child || !rel.Span().Started(day) || byID[other] != nil {
			continue
		}
		p := ix.Person(other)
		if p == nil {
			continue
		}
		byID[other] = &connection{p: p, f: factsBetween(ix, child, other, day)}
	}
	for i, fl := range flags {
		if len(fl.Evidence.People) < 2 {
			continue
		}
		other := fl.Evidence.People[1]
		c := byID[other]
		if c == nil {
			p := ix.Person(other)
			if p == nil || !r.may(fFlagOnlyPeople) {
				continue
			}
			c = &connection{p: p, f: factsBetween(ix, child, other, day), only: true}
			byID[other] = c
		}
		c.flags = append(c.flags, flagRef{f: fl, n: i + 1})
		if fl.Kind == analysis.LostConnection || fl.Kind == analysis.LostAtMove {
			c.f.lostFlag = true
		}
	}
	out := make([]*connection, 0, len(byID))
	for _, c := range byID {
		out = append(out, c)
	}
	slices.SortFunc(out, func(x, y *connection) int { return strings.Compare(x.p.ID, y.p.ID) })
	return out
}

// groupOf places a connection in a group: pets first, then the strongest
// tie (a grandparent who is also the kinship carer is a carer).
func groupOf(c *connection) group {
	if c.p.Pet {
		return groupPets
	}
	g := groupOther
	rank := func(k graph.RelKind) group {
		switch {
		case k == graph.RelSibling:
			return groupSiblings
		case k.IsCarer():
			return groupCarers
		case k.IsFamily(), k == graph.RelPartner:
			return groupFamily
		case k == graph.RelFriend:
			return groupFriends
		case k == graph.RelProfessional:
			return groupProfessionals
		}
		return groupOther
	}
	order := []group{groupSiblings, groupCarers, groupFamily, groupFriends, groupProfessionals, groupOther}
	for _, rel := range c.f.rels {
		if k := rank(rel.Kind); slices.Index(order, k) < slices.Index(order, g) {
			g = k
		}
	}
	if c.only {
		for _, fr := range c.flags {
			if fr.f.Kind == analysis.SeparatedSibling || fr.f.Kind == analysis.UnrecordedSibling {
				return groupSiblings
			}
		}
	}
	return g
}

// ringOf is the child's circle for the person: the innermost circle the
// child gave on any of their relationships; 4 when none is recorded.
func ringOf(c *connection, child graph.ID) int {
	ring := 4
	for _, rel := range c.f.rels {
		if v := rel.ViewOf(child); v != nil {
			if i := slices.Index(graph.Circles, v.Circle); i >= 0 && i+1 < ring {
				ring = i + 1
			}
		}
	}
	return ring
}

// wordsOf is the child's own words about the person: from the first
// relationship (in display order) that has them.
func wordsOf(c *connection, child graph.ID) string {
	for _, rel := range c.f.rels {
		if v := rel.ViewOf(child); v != nil && clean(v.Words) != "" {
			return v.Words
		}
	}
	return ""
}

// personFor words one connection for the audience: name and roles, then
// (unless restricted detail is hidden) age, the child's words, home,
// contact, restriction, separation, notes and flag badges.
func (r *redactor) personFor(c *connection, childName string) personView {
	day := r.asOf
	hidden := !r.may(fRestrictedDetail) && c.f.restriction != nil
	pv := personView{group: groupOf(c), ring: ringOf(c, r.child), line: r.stateFor(c.f, day)}
	if c.only {
		pv.line = lineUnrecorded
	}
	pv.name = r.name(c.p, hidden)
	if pv.name == "" {
		pv.name = "Unnamed"
	}
	if !r.may(fCircle) {
		pv.ring = 4
	}
	pv.roles = r.rolesOf(c)
	if hidden {
		if r.may(fRestricted) && r.may(fRiskLines) {
			pv.contact = []string{"Contact limited (see the plan)"}
		}
		return pv
	}
	if r.may(fAge) {
		pv.age = ageWords(c.p, day)
	}
	if r.may(fWords) {
		if w := wordsOf(c, r.child); w != "" {
			pv.words = shorten(r.text(w), maxWordsRunes)
		}
	}
	pv.home = r.homeOf(c, childName)
	pv.contact = r.contactOf(c)
	if c.f.restriction != nil && r.may(fRestrictionKind) {
		pv.restriction = append(pv.restriction, restrictionWords(c.f.restriction))
		if r.may(fRestrictionReason) && clean(c.f.restriction.Reason) != "" {
			pv.restriction = append(pv.restriction, shorten(c.f.restriction.Reason, 60))
		}
	}
	pv.separation = r.separationOf(c)
	if r.may(fNotes) {
		for _, rel := range c.f.rels {
			if n := clean(rel.Notes); n != "" {
				pv.notes = shorten(n, 70)
				break
			}
		}
	}
	if r.may(fFlags) {
		pv.badges = r.badgesOf(c, pv.separation)
	}
	return pv
}

// rolesOf is a connection's roles, as far as the audience may see them.
func (r *redactor) rolesOf(c *connection) string {
	var roles []string
	for _, rel := range c.f.rels {
		if !r.may(fRole) {
			break
		}
		w := roleWord(rel, c.p.ID, r.aud, r.may(fSiblingType))
		if c.p.Pet && rel.Kind == graph.RelOther {
			w = "Pet"
		}
		if !slices.Contains(roles, w) {
			roles = append(roles, w)
		}
	}
	if c.only && r.may(fFlagOnlyPeople) {
		roles = append(roles, "Not recorded as a connection")
	}
	if len(roles) == 0 && c.p.Pet {
		roles = append(roles, "Pet")
	}
	return strings.Join(roles, ", ")
}

// homeOf is where a connection lives: with the child, or their own home
// where the audience may see other households.
func (r *redactor) homeOf(c *connection, childName string) []string {
	switch {
	case c.f.together:
		if r.aud == Child {
			return []string{"Lives with me"}
		}
		return []string{"Lives with " + childName}
	case r.may(fGroupOtherHouseholds):
		return r.household(r.ix.HouseholdOn(c.p.ID, r.asOf), false)
	}
	return nil
}

// contactOf is the contact lines of a connection: when it ended, the
// arrangement, the last contact.
func (r *redactor) contactOf(c *connection) []string {
	var out []string
	ended := len(c.f.rels) > 0 && len(c.f.current) == 0
	switch {
	case ended:
		if r.may(fDates) && r.may(fRiskLines) {
			last := c.f.rels[len(c.f.rels)-1]
			for _, rel := range c.f.rels {
				if rel.Until.After(last.Until) {
					last = rel
				}
			}
			out = append(out, "Ended "+longDate(last.Until))
		}
	case c.f.restriction != nil && !r.may(fRiskLines):
		// a child's map says nothing of the arrangement under a restriction
	case r.may(fContact) && !c.f.together:
		if s := arrangementWords(c.f.arrangement, r.aud, r.may(fSupervision)); s != "" {
			out = append(out, s)
		}
	}
	if r.may(fLastContact) && !c.f.together && !ended {
		switch {
		case !c.f.last.IsZero():
			out = append(out, "Last contact "+longDate(c.f.last))
		case c.f.arrangement != nil && c.f.arrangement.Mode != graph.ContactNone:
			out = append(out, "No contact recorded")
		}
	}
	return out
}

// separationOf is the lines about a sibling living apart: the reason and
// its detail, or only that they live apart.
func (r *redactor) separationOf(c *connection) []string {
	s := c.f.separation
	if s == nil || c.f.together {
		return nil
	}
	switch {
	case r.may(fSeparationReason):
		line := "Apart: " + separationWords[s.Reason]
		if !s.Decided.IsZero() {
			line += " (decided " + longDate(s.Decided) + ")"
		}
		out := []string{line}
		if r.may(fSeparationDetail) && clean(s.Detail) != "" {
			out = append(out, shorten(s.Detail, 60))
		}
		return out
	case r.may(fSeparated):
		return []string{"Lives apart"}
	}
	return nil
}

// badgesOf is a connection's flag badges, each once and none repeating a
// separation line.
func (r *redactor) badgesOf(c *connection, separation []string) []badge {
	var badges []badge
	for _, fr := range c.flags {
		b := flagBadge(fr.f, fr.n, r.aud)
		if b == "" || slices.Contains(separation, b) || slices.ContainsFunc(badges, func(x badge) bool { return x.text == b }) {
			continue
		}
		sev := analysis.Severity("")
		if r.may(fFlagDetail) {
			sev = fr.f.Severity
		}
		badges = append(badges, badge{text: b, severity: sev})
	}
	return badges
}

// childView builds the view of a child's connection map.
func childView(in Input) (*mapView, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	r := newRedactor(in.Audience, in.Network, in.child())
	v := &mapView{aud: in.Audience}
	r.centre(v)
	childName := v.child.name
	if in.Audience == Child {
		childName = "me"
	}
	conns := connections(r, in.Flags)
	for _, c := range conns {
		v.people = append(v.people, r.personFor(c, childName))
	}
	v.people = r.withVias(v.people, conns, childName)
	sortPeople(v.people)
	if r.may(fFlagDetail) {
		for i, fl := range in.Flags {
			v.findings = append(v.findings, fmt.Sprintf("(%d) %s, %s: %s", i+1,
				capitalise(flagKindWord[fl.Kind]), severityWord[fl.Severity], clampWords(fl.Explanation, maxNameRunes, 600)))
		}
	}
	v.title, v.subtitle = r.titles(v.child.name, "", in.Generated)
	v.legend = legendFor(v.people, in.Audience, len(v.findings) > 0)
	r.describe(v, "")
	return v, nil
}

// centre fills in the child at the centre of a map and the ring names.
func (r *redactor) centre(v *mapView) {
	p := r.ix.Person(r.child)
	c := personView{focus: true, ring: 0, node: "n1"}
	c.name = r.name(p, false)
	if c.name == "" {
		c.name = "Unnamed"
	}
	if r.may(fAge) {
		c.age = ageWords(p, r.asOf)
	}
	if r.may(fLookedAfter) && p.LookedAfterOn(r.asOf) {
		if r.may(fDates) && !p.LookedAfterSince.IsZero() {
			c.roles = "Looked after since " + longDate(p.LookedAfterSince)
		} else {
			c.roles = "Looked after"
		}
	}
	if r.may(fChildHomeName) {
		c.home = r.household(r.ix.HouseholdOn(r.child, r.asOf), false)
	}
	v.child = c
	for ring := 1; ring <= 4; ring++ {
		v.rings[ring] = circleWord(ring, r.aud)
	}
}

// titles returns the visible title and the dates line.
func (r *redactor) titles(childName, kind string, generated graph.Date) (string, string) {
	var title string
	switch {
	case kind != "":
		title = kind
	case r.aud == Professional:
		title = "Connection map: " + childName
	default:
		title = possessive(childName) + " connections"
	}
	sub := "As of " + longDate(r.asOf) + " · Generated on " + longDate(generated)
	if a := r.assessmentWords(); a != "" {
		sub += " · " + a
	}
	return title, sub
}

func possessive(name string) string {
	if name == "" || name == "me" {
		return "My"
	}
	return name + "’s"
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sortPeople orders people by group, ring and then the order they came
// in (person id): stable for the same input, whatever the audience.
func sortPeople(ps []personView) {
	slices.SortStableFunc(ps, func(x, y personView) int {
		if x.group != y.group {
			return int(x.group) - int(y.group)
		}
		return x.ring - y.ring
	})
	for i := range ps {
		ps[i].node = fmt.Sprintf("n%d", i+2)
	}
}

// legendFor lists the groups and line styles present, in a fixed order.
func legendFor(ps []personView, aud Audience, findings bool) []legendRow {
	var groups [numGroups]bool
	var lines [numLines][numGroups]bool
	for _, p := range ps {
		groups[p.group] = true
		lines[p.line][p.group] = true
	}
	var rows []legendRow
	for g := range numGroups {
		if groups[g] {
			rows = append(rows, legendRow{isGrp: true, group: g, text: groupWord(g, aud)})
		}
	}
	return append(rows, lineRows(lines, aud)...)
}

// lineRows are the legend rows of the line styles used, each with the
// groups whose lines have it: one row for states worded alike (on a
// child's map, lines that look alike).
func lineRows(used [numLines][numGroups]bool, aud Audience) []legendRow {
	var rows []legendRow
	at := map[string]int{}
	for l := range numLines {
		w := lineWord(l, aud)
		for g := range numGroups {
			if !used[l][g] || w == "" {
				continue
			}
			i, ok := at[w]
			if !ok {
				i = len(rows)
				at[w] = i
				rows = append(rows, legendRow{line: l, text: w})
			}
			if !slices.Contains(rows[i].groups, g) {
				rows[i].groups = append(rows[i].groups, g)
			}
		}
	}
	for i := range rows {
		slices.Sort(rows[i].groups)
	}
	return rows
}

// describe writes the map as text for screen readers: the SVG <title>
// and <desc>. It uses only the view, so it says no more than the picture.
func (r *redactor) describe(v *mapView, intro string) {
	v.a11y = v.title + ". " + v.subtitle
	var b strings.Builder
	if intro != "" {
		b.WriteString(intro)
		b.WriteString(" ")
	}
	if r.aud == Child {
		fmt.Fprintf(&b, "%s is in the middle.", v.child.name)
	} else {
		fmt.Fprintf(&b, "%s is at the centre.", v.child.name)
	}
	for ring := 1; ring <= 4; ring++ {
		var items []string
		for _, p := range v.people {
			if p.ring != ring {
				continue
			}
			parts := []string{}
			if p.roles != "" {
				parts = append(parts, p.roles)
			}
			if p.words != "" {
				parts = append(parts, "“"+p.words+"”")
			}
			if w := lineWord(p.line, r.aud); w != "" {
				parts = append(parts, strings.ToLower(w[:1])+w[1:])
			}
			for _, bd := range p.badges {
				parts = append(parts, bd.text)
			}
			items = append(items, p.name+" ("+strings.Join(parts, "; ")+")")
		}
		if len(items) > 0 {
			fmt.Fprintf(&b, " %s: %s.", v.rings[ring], strings.Join(items, ", "))
		}
	}
	for _, f := range v.findings {
		b.WriteString(" ")
		b.WriteString(f)
	}
	v.desc = b.String()
}
