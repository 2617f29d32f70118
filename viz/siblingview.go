package viz

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// homeView is one household of a sibling-group map and who of the group
// lives there.
type homeView struct {
	label   []string // name and place, as far as the audience may see
	care    bool     // a care placement (drawn in green)
	members []personView
}

// linkView is a line between two members of a sibling group.
type linkView struct {
	from, to string // node ids
	line     lineState
	group    group
	label    []string
	number   int // > 0: the line is numbered and described in the key
}

// siblingView is everything a sibling-group map draws.
type siblingView struct {
	aud      Audience
	title    string
	subtitle string
	a11y     string
	desc     string
	homes    []homeView
	links    []linkView
	legend   []legendRow
	pairs    []string // numbered descriptions of the lines between homes
	findings []string
}

// siblingGroupView builds the view of a sibling-group map.
func siblingGroupView(in Input, sg analysis.SiblingGroup) (*siblingView, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	r := newRedactor(in.Audience, in.Network, in.child())
	ix, day, focus := r.ix, r.asOf, r.child
	members := slices.Clone(sg.Members)
	if !slices.ContainsFunc(members, func(m analysis.GroupMember) bool { return m.Person == focus }) {
		members = append(members, analysis.GroupMember{Person: focus})
	}
	for _, m := range members {
		if ix.Person(m.Person) == nil {
			return nil, fmt.Errorf("viz: %w", graph.Invalid("group.members", "names a person who is not in the network"))
		}
	}
	slices.SortFunc(members, func(x, y analysis.GroupMember) int { return strings.Compare(x.Person, y.Person) })
	members = slices.CompactFunc(members, func(x, y analysis.GroupMember) bool { return x.Person == y.Person })
	// Ties known only through a shared parent. A child's own map leaves
	// them out, with the members known only through them: a worker
	// records (and talks through) a brother or sister before the child's
	// plan names them.
	inferred := map[[2]graph.ID]analysis.InferredTie{}
	if r.aud == Child {
		members = slices.DeleteFunc(members, func(m analysis.GroupMember) bool { return m.Inferred && m.Person != focus })
	} else {
		for _, t := range sg.Inferred {
			inferred[[2]graph.ID{min(t.Between[0], t.Between[1]), max(t.Between[0], t.Between[1])}] = t
		}
	}

	// Badges from the focus child's flags, numbered as in the findings.
	flagsOf := map[graph.ID][]flagRef{}
	for i, f := range in.Flags {
		if len(f.Evidence.People) > 1 {
			flagsOf[f.Evidence.People[1]] = append(flagsOf[f.Evidence.People[1]], flagRef{f: f, n: i + 1})
		}
	}
	v := &siblingView{aud: in.Audience}
	focusName := r.name(ix.Person(focus), false)
	nodeOf := map[graph.ID]string{}
	nameOf := map[string]string{} // node id -> name shown
	homeKeyOf := map[string]string{}
	homeOf := map[string]*homeView{}
	var homeKeys []string
	for i, m := range members {
		p := ix.Person(m.Person)
		hidden := m.Person != focus && !r.may(fRestrictedDetail) && r.restricted(focus, m.Person)
		pv := personView{node: fmt.Sprintf("n%d", i+1), group: groupSiblings, focus: m.Person == focus}
		pv.name = r.name(p, hidden)
		if pv.name == "" {
			pv.name = "Unnamed"
		}
		if pv.focus && r.aud == Child {
			pv.name = "Me (" + pv.name + ")"
		}
		if !hidden {
			if r.may(fAge) {
				pv.age = ageWords(p, day)
			}
			if r.may(fWords) && !pv.focus {
				pv.words = r.childWordsAbout(m.Person)
			}
			if r.may(fLookedAfter) {
				if p.LookedAfterOn(day) || m.LookedAfter {
					pv.roles = "Looked after"
				} else {
					pv.roles = "Not looked after"
				}
			}
			if r.may(fFlags) {
				for _, fr := range flagsOf[m.Person] {
					if b := flagBadge(fr.f, fr.n, r.aud); b != "" {
						sev := analysis.Severity("")
						if r.may(fFlagDetail) {
							sev = fr.f.Severity
						}
						pv.badges = append(pv.badges, badge{text: b, severity: sev})
					}
				}
			}
		}
		if pv.focus && r.aud != Child {
			pv.contact = []string{"This plan's child"}
		}
		nodeOf[m.Person] = pv.node
		// where they live on the date
		var h *graph.Household
		if m.Household != "" {
			h = ix.Household(m.Household)
		}
		if h == nil {
			h = ix.HouseholdOn(m.Person, day)
		}
		key := "~unknown"
		if h != nil && !hidden {
			key = h.ID
		}
		hv := homeOf[key]
		if hv == nil {
			hv = &homeView{}
			switch {
			case key == "~unknown":
				hv.label = []string{"Home not recorded"}
				if hidden {
					hv.label = []string{"Home not shown"}
				}
			default:
				hv.label = r.household(h, true)
				hv.care = h.Kind.IsCare()
				if len(hv.label) == 0 {
					hv.label = []string{"Home"}
				}
			}
			homeOf[key] = hv
			homeKeys = append(homeKeys, key)
		}
		hv.members = append(hv.members, pv)
		nameOf[pv.node] = pv.name
		homeKeyOf[pv.node] = key
	}
	// Homes in a stable order: the focus child's first, then by id.
	focusKey := homeKeyOf[nodeOf[focus]]
	slices.SortFunc(homeKeys, func(x, y string) int {
		switch {
		case x == focusKey && y != focusKey:
			return -1
		case y == focusKey && x != focusKey:
			return 1
		}
		return strings.Compare(x, y)
	})
	for _, k := range homeKeys {
		hv := homeOf[k]
		if r.aud == Child && k == focusKey {
			hv.label = append([]string{"My home"}, hv.label...)
		}
		v.homes = append(v.homes, *hv)
	}

	// Lines: every sibling relationship between two members, styled by
	// the contact between them, in the order of the two people's ids.
	var pairs [][2]graph.ID
	seen := map[[2]graph.ID]bool{}
	for _, m := range members {
		for _, rel := range ix.Relationships(m.Person) {
			o := rel.Other(m.Person)
			if rel.Kind != graph.RelSibling || nodeOf[o] == "" || !rel.Span().Started(day) {
				continue
			}
			pair := [2]graph.ID{min(m.Person, o), max(m.Person, o)}
			if !seen[pair] {
				seen[pair] = true
				pairs = append(pairs, pair)
			}
		}
	}
	for pair := range inferred {
		if nodeOf[pair[0]] != "" && nodeOf[pair[1]] != "" && !seen[pair] {
			seen[pair] = true
			pairs = append(pairs, pair)
		}
	}
	slices.SortFunc(pairs, func(x, y [2]graph.ID) int {
		if c := strings.Compare(x[0], y[0]); c != 0 {
			return c
		}
		return strings.Compare(x[1], y[1])
	})
	var lineSet [numLines][numGroups]bool
	for _, pair := range pairs {
		f := factsBetween(ix, pair[0], pair[1], day)
		hidden := !r.may(fRestrictedDetail) && (r.restricted(focus, pair[0]) || r.restricted(focus, pair[1]))
		lk := linkView{from: nodeOf[pair[0]], to: nodeOf[pair[1]], line: r.stateFor(f, day), group: groupSiblings}
		if !hidden {
			lk.label = r.linkWords(f, pair)
		}
		if t, ok := inferred[pair]; ok {
			lk.line, lk.label = lineInferred, nil
			if !hidden {
				lk.label = r.inferredWords(t)
			}
		}
		apart := homeKeyOf[lk.from] != homeKeyOf[lk.to] || homeKeyOf[lk.from] == "~unknown"
		if apart && len(lk.label) > 0 {
			lk.number = len(v.pairs) + 1
			v.pairs = append(v.pairs, fmt.Sprintf("%d. %s and %s: %s", lk.number,
				nameOf[lk.from], nameOf[lk.to], strings.Join(lk.label, "; ")))
		}
		lineSet[lk.line][lk.group] = true
		v.links = append(v.links, lk)
	}
	if r.may(fFlagDetail) {
		for i, fl := range in.Flags {
			v.findings = append(v.findings, fmt.Sprintf("(%d) %s, %s: %s", i+1,
				capitalise(flagKindWord[fl.Kind]), severityWord[fl.Severity], clampWords(fl.Explanation, maxNameRunes, 600)))
		}
	}
	// Titles and key.
	switch r.aud {
	case Child:
		v.title = "My brothers and sisters"
	default:
		v.title = "Brothers and sisters of " + focusName + ": where they live"
	}
	v.subtitle = "As of " + longDate(day) + " · Generated on " + longDate(in.Generated)
	if r.may(fFlags) {
		if s := groupStatusWords(sg.Status); s != "" {
			v.subtitle = s + " · " + v.subtitle
		}
	}
	v.legend = lineRows(lineSet, r.aud)
	v.a11y = v.title + ". " + v.subtitle
	var b strings.Builder
	for _, h := range v.homes {
		var names []string
		for _, m := range h.members {
			if m.words != "" {
				names = append(names, m.name+" (“"+m.words+"”)")
				continue
			}
			names = append(names, m.name)
		}
		fmt.Fprintf(&b, "%s: %s. ", strings.Join(h.label, ", "), strings.Join(names, ", "))
	}
	for _, p := range v.pairs {
		b.WriteString(p)
		b.WriteString(". ")
	}
	for _, f := range v.findings {
		b.WriteString(f)
		b.WriteString(" ")
	}
	v.desc = strings.TrimSpace(b.String())
	return v, nil
}

// childWordsAbout is what the child said about a person (from the first
// of their current relationships, in display order, that has the child's
// words), scrubbed and shortened for the audience; "" when none.
func (r *redactor) childWordsAbout(other graph.ID) string {
	f := factsBetween(r.ix, r.child, other, r.asOf)
	if w := wordsOf(&connection{f: f}, r.child); w != "" {
		return shorten(r.text(w), maxWordsRunes)
	}
	return ""
}

// inferredWords labels the line of a sibling tie known only through a
// shared parent: for professionals, with the parents' names (the reason);
// for families, without them (a parent's name on a shared plan is a
// decision for the worker).
func (r *redactor) inferredWords(t analysis.InferredTie) []string {
	if !r.may(fFlagDetail) {
		return []string{"Not yet recorded as a brother or sister"}
	}
	names := make([]string, len(t.Parents))
	for i, id := range t.Parents {
		names[i] = "a parent"
		if p := r.ix.Person(id); p != nil && clean(p.DisplayName()) != "" {
			names[i] = shorten(clean(p.DisplayName()), maxNameRunes)
		}
	}
	what := "a parent"
	if len(names) > 1 {
		what = "parents"
	}
	return []string{"Not yet recorded as a brother or sister — shares " + what + " (" + strings.Join(names, " and ") + ")"}
}

// linkWords labels a line between two siblings.
func (r *redactor) linkWords(f facts, pair [2]graph.ID) []string {
	if r.aud == Child {
		return nil
	}
	var out []string
	if len(f.rels) > 0 && len(f.current) == 0 {
		if r.may(fRiskLines) {
			out = append(out, "Relationship ended")
		}
		return out
	}
	if !f.together && r.may(fContact) {
		if s := arrangementWords(f.arrangement, r.aud, r.may(fSupervision)); s != "" {
			out = append(out, s)
		}
	}
	if !f.together && r.may(fLastContact) && !f.last.IsZero() {
		out = append(out, "last contact "+longDate(f.last))
	}
	if f.restriction != nil && r.may(fRestrictionKind) {
		out = append(out, restrictionWords(f.restriction))
	} else if f.restriction != nil && r.may(fRestricted) {
		out = append(out, "Contact limited")
	}
	bothLooked := true
	for _, id := range pair {
		p := r.ix.Person(id)
		if p == nil || !p.LookedAfterOn(r.asOf) {
			bothLooked = false
		}
	}
	if !f.together && bothLooked {
		switch {
		case f.separation != nil && r.may(fSeparationReason):
			out = append(out, "Apart: "+separationWords[f.separation.Reason])
		case f.separation == nil && r.may(fSeparationReason):
			out = append(out, "Apart: no reason recorded")
		case r.may(fSeparated):
			out = append(out, "Live apart")
		}
	}
	return out
}

// groupStatusWords describes where a sibling group lives.
func groupStatusWords(s analysis.GroupStatus) string {
	switch s {
	case analysis.Together:
		return "Looked-after members live together"
	case analysis.PartlyTogether:
		return "Looked-after members partly together"
	case analysis.Apart:
		return "Looked-after members all apart"
	}
	return ""
}
