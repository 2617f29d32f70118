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

// siblingGroupView builds the view of a sibling-group map: the members
// (groupMembers), each in their home (addMember, orderHomes), the lines
// between them (memberPairs, addLinks), then the findings, titles, key and
// description (finish).
func siblingGroupView(in Input, sg analysis.SiblingGroup) (*siblingView, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	r := newRedactor(in.Audience, in.Network, in.child())
	members, inferred, err := groupMembers(r, sg)
	if err != nil {
		return nil, err
	}
	b := &siblingBuild{r: r, v: &siblingView{aud: in.Audience}, flagsOf: flagsByPerson(in.Flags),
		nodeOf: map[graph.ID]string{}, nameOf: map[string]string{}, homeKeyOf: map[string]string{}, homeOf: map[string]*homeView{}}
	for i, m := range members {
		b.addMember(i, m)
	}
	b.orderHomes()
	b.addLinks(b.memberPairs(members, inferred), inferred)
	b.finish(in, sg)
	return b.v, nil
}

// siblingBuild is a sibling-group view being built.
type siblingBuild struct {
	r         *redactor
	v         *siblingView
	flagsOf   map[graph.ID][]flagRef
	nodeOf    map[graph.ID]string // person -> node id
	nameOf    map[string]string   // node id -> name shown
	homeKeyOf map[string]string   // node id -> home key
	homeOf    map[string]*homeView
	homeKeys  []string
	lineSet   [numLines][numGroups]bool
}

// groupMembers are the group's members the map draws (the focus child
// always among them), by id, and the ties known only through a shared
// parent between them. A child's own map leaves those ties out, with the
// members known only through them: a worker records (and talks through) a
// brother or sister before the child's plan names them.
func groupMembers(r *redactor, sg analysis.SiblingGroup) ([]analysis.GroupMember, map[[2]graph.ID]analysis.InferredTie, error) {
	focus := r.child
	members := slices.Clone(sg.Members)
	if !slices.ContainsFunc(members, func(m analysis.GroupMember) bool { return m.Person == focus }) {
		members = append(members, analysis.GroupMember{Person: focus})
	}
	for _, m := range members {
		if r.ix.Person(m.Person) == nil {
			return nil, nil, fmt.Errorf("viz: %w", graph.Invalid("group.members", "names a person who is not in the network"))
		}
	}
	slices.SortFunc(members, func(x, y analysis.GroupMember) int { return strings.Compare(x.Person, y.Person) })
	members = slices.CompactFunc(members, func(x, y analysis.GroupMember) bool { return x.Person == y.Person })
	inferred := map[[2]graph.ID]analysis.InferredTie{}
	if r.aud == Child {
		members = slices.DeleteFunc(members, func(m analysis.GroupMember) bool { return m.Inferred && m.Person != focus })
	} else {
		for _, t := range sg.Inferred {
			inferred[[2]graph.ID{min(t.Between[0], t.Between[1]), max(t.Between[0], t.Between[1])}] = t
		}
	}
	return members, inferred, nil
}

// flagsByPerson are the focus child's flags by the other person they are
// about, numbered as in the findings (badges).
func flagsByPerson(flags []analysis.Flag) map[graph.ID][]flagRef {
	flagsOf := map[graph.ID][]flagRef{}
	for i, f := range flags {
		if len(f.Evidence.People) > 1 {
			flagsOf[f.Evidence.People[1]] = append(flagsOf[f.Evidence.People[1]], flagRef{f: f, n: i + 1})
		}
	}
	return flagsOf
}

// addMember adds member i to the home they live in on the date.
func (b *siblingBuild) addMember(i int, m analysis.GroupMember) {
	r, focus := b.r, b.r.child
	hidden := m.Person != focus && !r.may(fRestrictedDetail) && r.restricted(focus, m.Person)
	pv := b.memberView(i, m, hidden)
	b.nodeOf[m.Person] = pv.node
	key, h := b.homeKey(m, hidden)
	hv := b.homeOf[key]
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
		b.homeOf[key] = hv
		b.homeKeys = append(b.homeKeys, key)
	}
	hv.members = append(hv.members, pv)
	b.nameOf[pv.node] = pv.name
	b.homeKeyOf[pv.node] = key
}

// memberView is how member i is drawn, as far as the audience may see
// (hidden: a restricted member, shown by no more than a name).
func (b *siblingBuild) memberView(i int, m analysis.GroupMember, hidden bool) personView {
	r, day := b.r, b.r.asOf
	p := r.ix.Person(m.Person)
	pv := personView{node: fmt.Sprintf("n%d", i+1), group: groupSiblings, focus: m.Person == r.child}
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
			for _, fr := range b.flagsOf[m.Person] {
				if t := flagBadge(fr.f, fr.n, r.aud); t != "" {
					sev := analysis.Severity("")
					if r.may(fFlagDetail) {
						sev = fr.f.Severity
					}
					pv.badges = append(pv.badges, badge{text: t, severity: sev})
				}
			}
		}
	}
	if pv.focus && r.aud != Child {
		pv.contact = []string{"This plan's child"}
	}
	return pv
}

// homeKey is the key of the home a member lives in on the date (the
// household id; "~unknown" when not recorded or not to be shown) and
// the household.
func (b *siblingBuild) homeKey(m analysis.GroupMember, hidden bool) (string, *graph.Household) {
	var h *graph.Household
	if m.Household != "" {
		h = b.r.ix.Household(m.Household)
	}
	if h == nil {
		h = b.r.ix.HouseholdOn(m.Person, b.r.asOf)
	}
	if h != nil && !hidden {
		return h.ID, h
	}
	return "~unknown", h
}

// orderHomes puts the homes in a stable order: the focus child's first,
// then by id.
func (b *siblingBuild) orderHomes() {
	focusKey := b.homeKeyOf[b.nodeOf[b.r.child]]
	slices.SortFunc(b.homeKeys, func(x, y string) int {
		switch {
		case x == focusKey && y != focusKey:
			return -1
		case y == focusKey && x != focusKey:
			return 1
		}
		return strings.Compare(x, y)
	})
	for _, k := range b.homeKeys {
		hv := b.homeOf[k]
		if b.r.aud == Child && k == focusKey {
			hv.label = append([]string{"My home"}, hv.label...)
		}
		b.v.homes = append(b.v.homes, *hv)
	}
}

// memberPairs are the pairs of members a line joins: every sibling
// relationship between two members begun by the date, and every tie
// known only through a shared parent, in the order of the two ids.
func (b *siblingBuild) memberPairs(members []analysis.GroupMember, inferred map[[2]graph.ID]analysis.InferredTie) [][2]graph.ID {
	var pairs [][2]graph.ID
	seen := map[[2]graph.ID]bool{}
	for _, m := range members {
		for _, rel := range b.r.ix.Relationships(m.Person) {
			o := rel.Other(m.Person)
			if rel.Kind != graph.RelSibling || b.nodeOf[o] == "" || !rel.Span().Started(b.r.asOf) {
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
		if b.nodeOf[pair[0]] != "" && b.nodeOf[pair[1]] != "" && !seen[pair] {
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
	return pairs
}

// addLinks draws a line for each pair, styled by the contact between
// them; a line between two homes with words is numbered and described.
func (b *siblingBuild) addLinks(pairs [][2]graph.ID, inferred map[[2]graph.ID]analysis.InferredTie) {
	r, v, day, focus := b.r, b.v, b.r.asOf, b.r.child
	for _, pair := range pairs {
		f := factsBetween(r.ix, pair[0], pair[1], day)
		hidden := !r.may(fRestrictedDetail) && (r.restricted(focus, pair[0]) || r.restricted(focus, pair[1]))
		lk := linkView{from: b.nodeOf[pair[0]], to: b.nodeOf[pair[1]], line: r.stateFor(f, day), group: groupSiblings}
		if !hidden {
			lk.label = r.linkWords(f, pair)
		}
		if t, ok := inferred[pair]; ok {
			lk.line, lk.label = lineInferred, nil
			if !hidden {
				lk.label = r.inferredWords(t)
			}
		}
		apart := b.homeKeyOf[lk.from] != b.homeKeyOf[lk.to] || b.homeKeyOf[lk.from] == "~unknown"
		if apart && len(lk.label) > 0 {
			lk.number = len(v.pairs) + 1
			v.pairs = append(v.pairs, fmt.Sprintf("%d. %s and %s: %s", lk.number,
				b.nameOf[lk.from], b.nameOf[lk.to], strings.Join(lk.label, "; ")))
		}
		b.lineSet[lk.line][lk.group] = true
		v.links = append(v.links, lk)
	}
}

// finish adds the findings, the titles, the key and the accessible
// description.
func (b *siblingBuild) finish(in Input, sg analysis.SiblingGroup) {
	r, v, day := b.r, b.v, b.r.asOf
	if r.may(fFlagDetail) {
		for i, fl := range in.Flags {
			v.findings = append(v.findings, fmt.Sprintf("(%d) %s, %s: %s", i+1,
				capitalise(flagKindWord[fl.Kind]), severityWord[fl.Severity], clampWords(fl.Explanation, maxNameRunes, 600)))
		}
	}
	switch r.aud {
	case Child:
		v.title = "My brothers and sisters"
	default:
		v.title = "Brothers and sisters of " + r.name(r.ix.Person(r.child), false) + ": where they live"
	}
	v.subtitle = "As of " + longDate(day) + " · Generated on " + longDate(in.Generated)
	if a := r.assessmentWords(); a != "" {
		v.subtitle += " · " + a
	}
	if r.may(fFlags) {
		if s := groupStatusWords(sg.Status); s != "" {
			v.subtitle = s + " · " + v.subtitle
		}
	}
	v.legend = lineRows(b.lineSet, r.aud)
	v.a11y = v.title + ". " + v.subtitle
	v.desc = siblingDesc(v)
}

// siblingDesc is the sibling-group map's accessible description: who
// lives in each home, the numbered lines and the findings.
func siblingDesc(v *siblingView) string {
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
	return strings.TrimSpace(b.String())
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
