package analysis

import "github.com/kinmap/kinmap/graph"

// planChanges lists, for a review from before to after, the child's plan
// actions done and not done in the period (status changed after before's
// date, by after's), and those overdue at after's date. Each names the
// action's person, or the child for an action about the plan as a
// whole; details carry no names (the action's text and reason stay in
// the record).
func planChanges(b, a *snapshot, child graph.ID) []Change {
	var out []Change
	for _, p := range a.n.PlanActions {
		if p.Child != child {
			continue
		}
		who := p.Person
		if who == "" {
			who = child
		}
		inPeriod := p.StatusChanged.After(b.day) && !p.StatusChanged.After(a.day)
		switch {
		case p.Status == graph.ActionDone && inPeriod:
			out = append(out, Change{Kind: ActionDone, Person: who, PlanAction: p.ID,
				Detail: "plan action done on " + p.StatusChanged.String()})
		case p.Status == graph.ActionNotDone && inPeriod:
			out = append(out, Change{Kind: ActionNotDone, Person: who, PlanAction: p.ID,
				Detail: "plan action not done, recorded on " + p.StatusChanged.String()})
		case p.OverdueOn(a.day):
			out = append(out, Change{Kind: ActionOverdue, Person: who, PlanAction: p.ID,
				Detail: "plan action due on " + p.Due.String() + " and not done"})
		}
	}
	return out
}
