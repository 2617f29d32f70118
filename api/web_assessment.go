package api

import "github.com/kinmap/kinmap/graph"

// assessedText is the child's latest assessment as of day for the
// child's page: its stage and date ("review, 15 August 2026"), or "".
func assessedText(n *graph.Network, child graph.ID, day graph.Date) string {
	a := graph.LatestAssessment(n.Assessments, child, day)
	if a == nil {
		return ""
	}
	return string(a.Stage) + ", " + longDate(a.Date)
}

// planActionRow is one open plan action on My Connections Plan, in the
// child's words: who (first name), what, and by when.
type planActionRow struct {
	Name, Words string
	Due         graph.Date
}

// childPlanActions lists the child's plan actions open on day that have
// the child's words, for My Connections Plan: the action's own text is
// professional and never shown there, nor an action about someone the
// child may have no contact with.
func childPlanActions(ix *graph.Index, child graph.ID, day graph.Date) []planActionRow {
	var rows []planActionRow
	for _, a := range ix.N.PlanActions {
		if a.Child != child || a.ChildWords == "" || !a.OpenOn(day) {
			continue
		}
		row := planActionRow{Words: a.ChildWords, Due: a.Due}
		if a.Person != "" {
			o := ix.Person(a.Person)
			if o == nil || noContactWith(ix, child, a.Person, day) {
				continue
			}
			row.Name = o.FirstName()
		}
		rows = append(rows, row)
	}
	return rows
}

// noContactWith reports whether a no-contact restriction is recorded on a
// current relationship between child and other.
func noContactWith(ix *graph.Index, child, other graph.ID, day graph.Date) bool {
	for _, r := range ix.Relationships(child) {
		if r.Other(child) == other && r.Restriction != nil && r.Restriction.Kind == graph.RestrictNoContact &&
			(r.Until.IsZero() || !r.Until.Before(day)) {
			return true
		}
	}
	return false
}
