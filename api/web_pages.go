package api

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/viz"
	"github.com/labstack/echo/v4"
)

// caseloadRow is one child on the caseload page.
type caseloadRow struct {
	ID, Name, Age, Home string
	High, Medium, Info  int
	Siblings            []siblingContact
}

type siblingContact struct{ Name, Last string }

// caseload lists the caller's children with what needs doing, in the
// API's scope (list_children).
func (s *Server) caseloadPage(c echo.Context) error {
	ctx := c.Request().Context()
	within, err := s.scopeOf(ctx, principal(c))
	if err != nil {
		return err
	}
	items, _, err := s.networks.Children(ctx, within, 0, 500)
	if err != nil {
		return err
	}
	q := strings.ToLower(strings.TrimSpace(c.QueryParam("q")))
	if q != "" {
		items = slices.DeleteFunc(items, func(it graph.ChildSummary) bool {
			return !strings.Contains(strings.ToLower(it.Name+" "+it.KnownAs), q)
		})
	}
	day := graph.DateOf(s.today())
	rows, err := s.caseloadRows(ctx, items, day)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "caseload", "Children", struct {
		Rows  []caseloadRow
		Query string
		Today graph.Date
	}{rows, c.QueryParam("q"), day})
}

// caseloadRows are the children's caseload rows on day: from the
// store-version cache, the others worked out from their networks (read
// in one query) and kept.
func (s *Server) caseloadRows(ctx context.Context, items []graph.ChildSummary, day graph.Date) ([]caseloadRow, error) {
	ver, _ := requestVersion(ctx)
	key := func(id graph.ID) string { return cacheKey("caseload-row", id, day.String()) }
	rows := make([]caseloadRow, len(items))
	found := make([]bool, len(items))
	var missing []graph.ID
	for i, it := range items {
		if rows[i], found[i] = s.vcache.rows.get(ver, key(it.ID)); !found[i] {
			missing = append(missing, it.ID)
		}
	}
	if len(missing) > 0 {
		nets, err := s.networks.Networks(ctx, missing, day)
		if err != nil {
			return nil, err
		}
		for i, it := range items {
			if n := nets[it.ID]; !found[i] && n != nil {
				rows[i], found[i] = caseloadRowOf(n, day, s.options()), true
				s.vcache.rows.put(ver, key(it.ID), rows[i])
			}
		}
	}
	out := rows[:0]
	for i := range rows {
		if found[i] {
			out = append(out, rows[i])
		}
	}
	return out, nil
}

// caseloadRowOf works out a child's caseload row from its network.
func caseloadRowOf(n *graph.Network, day graph.Date, opt analysis.Options) caseloadRow {
	id := n.Child
	ix := graph.NewIndex(n)
	p := ix.Person(id)
	row := caseloadRow{ID: id, Name: p.DisplayName(), Age: ageText(*p, day), Home: homeText(ix.HouseholdOn(id, day))}
	for _, f := range analysis.Flags(n, opt) {
		switch f.Severity {
		case analysis.High:
			row.High++
		case analysis.Medium:
			row.Medium++
		default:
			row.Info++
		}
	}
	for _, r := range ix.Relationships(id) {
		if r.Kind != graph.RelSibling || !r.Until.IsZero() {
			continue
		}
		sib := ix.Person(r.Other(id))
		if sib == nil || !sib.LookedAfterOn(day) {
			continue
		}
		last := "none recorded"
		if d, ok := ix.LastContact(id, sib.ID, day); ok {
			last = longDate(d)
		}
		row.Siblings = append(row.Siblings, siblingContact{sib.DisplayName(), last})
	}
	return row
}

func homeText(h *graph.Household) string {
	if h == nil {
		return "not recorded"
	}
	if h.Name != "" {
		return h.Name + " (" + words(string(h.Kind)) + ")"
	}
	return words(string(h.Kind))
}

// personRow is a person on the child page: one row per person, with
// every relationship they have with the child.
type personRow struct {
	ID, Name, Last, Words string
	Rels                  []relRow
}

// relRow is one of a person's relationships with the child.
type relRow struct {
	RelID, Relationship, Contact string
	Restricted, Ended            bool
}

type circleGroup struct {
	Name   string
	People []personRow
}

type flagView struct {
	Severity, Title, Explanation, Next string
}

type homeRow struct {
	ID, Home, From, Until string
	Current               bool
}

type childData struct {
	ID, Name, Age, Home string
	LookedAfter         bool
	Audience            string
	Audiences           []viz.Audience
	Map                 []byte
	Flags               []flagView
	Circles             []circleGroup
	Homes               []homeRow
	CanEdit             bool
	// Assessed is the latest assessment ("review, 15 August 2026"); ""
	// when none (web_assessment.go).
	Assessed string
}

// childPage is the child's record: map, flags, people by circle, homes
// (read_network). What it shows depends only on the records, the child,
// the audience and the dates, so it is kept by store version like the
// maps (the access check and the audit event, in the middleware, happen
// on every view); only whether the user may edit is theirs.
func (s *Server) childPage(c echo.Context) error {
	m, err := s.readMapRequest(c, false)
	if err != nil {
		return err
	}
	m.Since = graph.Date{}
	ctx := c.Request().Context()
	id := c.Param("id")
	ver, _ := requestVersion(ctx) // "" when there is none: nothing is kept
	key := cacheKey("child-page", id, string(m.Audience), m.AsOf.String(), m.Generated.String())
	d, hit := s.vcache.pages.get(ver, key)
	if !hit {
		if d, err = s.childPageData(c, m, id); err != nil {
			return err
		}
		s.vcache.pages.put(ver, key, d)
	}
	d.CanEdit = roleCan(principal(c), casework) // d is a copy: the cached one stays as it was
	return s.render(c, http.StatusOK, "child", d.Name, d)
}

// childPageData reads and draws what the child's page shows.
func (s *Server) childPageData(c echo.Context, m MapRequest, id graph.ID) (childData, error) {
	ctx := c.Request().Context()
	n, err := s.networks.Network(ctx, id, m.AsOf)
	if err != nil {
		return childData{}, err
	}
	flags := analysis.Flags(n, s.options())
	d := s.childData(n, flags, id, m.AsOf)
	d.Audience, d.Audiences = string(m.Audience), viz.Audiences
	dot, err := mapDOT(ctx, s.networks, m, n, flags)
	if err != nil {
		return childData{}, err
	}
	if d.Map, err = s.renderCached(c, mapKey(dot, viz.SVG), dot, viz.SVG); err != nil {
		return childData{}, err
	}
	d.Map = inlineSVG(d.Map)
	return d, nil
}

// inlineSVG drops the XML prolog so the SVG can sit in HTML.
func inlineSVG(b []byte) []byte {
	s := string(b)
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	return []byte(s)
}

func (s *Server) childData(n *graph.Network, flags []analysis.Flag, id graph.ID, day graph.Date) childData {
	ix := graph.NewIndex(n)
	p := ix.Person(id)
	d := childData{ID: id, Name: p.DisplayName(), Age: ageText(*p, day), Home: homeText(ix.HouseholdOn(id, day)),
		LookedAfter: p.LookedAfterOn(day), Assessed: assessedText(n, id, day)}
	for _, f := range flags {
		other := "them"
		for _, q := range f.Evidence.People {
			if q != id {
				if op := ix.Person(q); op != nil {
					other = op.DisplayName()
				}
				break
			}
		}
		next := nextStep(f, d.Name, other)
		if f.Kind == analysis.SeparatedSibling && separationRecorded(ix, id, f.Evidence.Relationships) {
			next = "Arrange the planned contact between " + d.Name + " and " + other + ", and check the plan still fits them."
		}
		d.Flags = append(d.Flags, flagView{Severity: string(f.Severity), Title: words(string(f.Kind)),
			Explanation: f.Explanation, Next: next})
	}
	// A person with two relationships (Gran as grandparent and as kinship
	// carer) is one row, in the closest circle any of them gives.
	rank := map[string]int{"closest": 0, "close": 1, "further": 2, "unplaced": 3}
	var order []graph.ID
	people := map[graph.ID]*personRow{}
	circleOf := map[graph.ID]string{}
	for _, r := range ix.Relationships(id) {
		o := ix.Person(r.Other(id))
		if o == nil {
			continue
		}
		row := people[o.ID]
		if row == nil {
			row = &personRow{ID: o.ID, Name: o.DisplayName(), Last: "none recorded"}
			if last, ok := ix.LastContact(id, o.ID, day); ok {
				row.Last = longDate(last)
			}
			people[o.ID], circleOf[o.ID] = row, "unplaced"
			order = append(order, o.ID)
		}
		rel := relRow{Relationship: relText(*r, id), RelID: r.ID,
			Restricted: r.Restricted(), Ended: !r.Until.IsZero() && r.Until.Before(day)}
		rel.Contact = "not planned"
		if r.Contact != nil {
			rel.Contact = words(string(r.Contact.Mode))
			if r.Contact.Frequency != "" {
				rel.Contact += ", " + words(string(r.Contact.Frequency))
			}
			if r.Contact.Supervised {
				rel.Contact += ", supervised"
			}
		}
		if r.Restriction != nil {
			rel.Contact += " (" + words(string(r.Restriction.Kind)) + ")"
		}
		row.Rels = append(row.Rels, rel)
		if v := r.ViewOf(id); v != nil {
			if c, ok := rank[string(v.Circle)]; ok && c < rank[circleOf[o.ID]] {
				circleOf[o.ID] = string(v.Circle)
			}
			if row.Words == "" {
				row.Words = v.Words
			}
		}
	}
	groups := map[string][]personRow{}
	for _, pid := range order {
		groups[circleOf[pid]] = append(groups[circleOf[pid]], *people[pid])
	}
	for _, c := range []string{"closest", "close", "further", "unplaced"} {
		if len(groups[c]) == 0 {
			continue
		}
		name := words(c)
		if c == "unplaced" {
			name = "Not yet placed in a circle"
		}
		d.Circles = append(d.Circles, circleGroup{Name: name, People: groups[c]})
	}
	for _, r := range ix.Residences(id) {
		hr := homeRow{ID: r.ID, Home: homeText(ix.Household(r.Household)), From: longDate(r.From), Until: "now",
			Current: r.Span().Covers(day)}
		if !r.Until.IsZero() {
			hr.Until = longDate(r.Until)
		}
		d.Homes = append(d.Homes, hr)
	}
	return d
}

// separationRecorded reports whether one of rels (ids) of child records
// why the siblings live apart.
func separationRecorded(ix *graph.Index, child graph.ID, rels []graph.ID) bool {
	for _, r := range ix.Relationships(child) {
		if slices.Contains(rels, r.ID) && r.Separation != nil && r.Separation.Reason != "" {
			return true
		}
	}
	return false
}

// relText says what the other person is to the child.
func relText(r graph.Relationship, child graph.ID) string {
	if r.Kind == graph.RelSibling && r.SiblingType != "" {
		return words(string(r.SiblingType))
	}
	if r.Kind.Directed() && r.From == child {
		switch r.Kind {
		case graph.RelParent:
			return "child of this child"
		case graph.RelGrandparent:
			return "grandchild"
		}
		return "cared for by this child"
	}
	return words(string(r.Kind))
}
