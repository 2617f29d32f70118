package analysis

import (
	"strings"

	"github.com/kinmap/kinmap/graph"
)

// planActionFlags returns a plan_action_overdue flag for each of the
// child's plan actions open at the date (made by then and not done or
// not done by then) whose due date has passed.
func (s *snapshot) planActionFlags(child graph.ID) []Flag {
	var out []Flag
	for _, a := range s.n.PlanActions {
		if a.Child != child || !a.OverdueOn(s.day) {
			continue
		}
		people := []graph.ID{child}
		about := ""
		if a.Person != "" {
			people = append(people, a.Person)
			about = " to keep " + s.name(child) + "'s connection with " + s.name(a.Person)
		}
		out = append(out, Flag{Kind: PlanActionOverdue, Severity: Medium,
			Explanation: sentences("The plan action" + about + ", “" + strings.TrimSpace(a.What) + "” (" + ownerWords[a.Owner] +
				"), was due on " + longDate(a.Due) + " and is not recorded as done: " + daysText(s.day.DaysSince(a.Due)) + " overdue."),
			Evidence: Evidence{People: people,
				Dates: []Dated{{Label: "made", Date: a.Made}, {Label: "due", Date: a.Due}}}})
	}
	return out
}

var ownerWords = map[graph.ActionOwner]string{
	graph.OwnerWorker: "the social worker's", graph.OwnerCarer: "the carer's",
	graph.OwnerReviewingOfficer: "the reviewing officer's",
}

// noActionText is added to the explanation of a separated sibling or a
// lost connection when no plan action for that person is open at the
// date.
const noActionText = "There is no action in the plan for this connection."

// notePlan adds noActionText to the explanations of fs that need it.
func (s *snapshot) notePlan(child graph.ID, fs []Flag) {
	open := map[graph.ID]bool{}
	for _, a := range s.n.PlanActions {
		if a.Child == child && a.Person != "" && a.OpenOn(s.day) {
			open[a.Person] = true
		}
	}
	for i := range fs {
		f := &fs[i]
		switch f.Kind {
		case SeparatedSibling, LostConnection, LostAtMove:
		default:
			continue
		}
		if len(f.Evidence.People) > 1 && !open[f.Evidence.People[1]] {
			f.Explanation = sentences(f.Explanation, noActionText)
		}
	}
}
