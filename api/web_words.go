package api

import (
	"cmp"
	"strconv"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// plainWords are the words of Scottish practice for kinmap's codes.
var plainWords = map[string]string{
	"sibling": "brother or sister", "parent": "parent", "grandparent": "grandparent", "other_kin": "other family",
	"kinship_carer": "kinship carer", "foster_carer": "foster carer", "residential_carer": "residential care worker",
	"friend": "friend", "professional": "professional", "other": "other",
	"full": "full brother or sister", "half": "half brother or sister", "step": "stepbrother or stepsister",
	"sibling_like": "like a brother or sister",
	"closest":      "Closest to me", "close": "Close to me", "further": "Further out",
	"direct": "in person", "indirect": "letters, cards or messages", "none": "no contact",
	"weekly": "weekly", "fortnightly": "fortnightly", "monthly": "monthly", "quarterly": "every three months",
	"twice_yearly": "twice a year", "yearly": "once a year", "as_agreed": "as agreed",
	"no_contact": "no contact allowed", "supervised_only": "supervised contact only",
	"order": "a court or hearing order", "assessment": "an assessment",
	"not_safe_together": "not safe to live together", "no_placement_for_group": "no home could take them all",
	"child_wish":   "the child's own wish",
	"birth_family": "birth family home", "kinship": "kinship care", "foster": "foster care",
	"residential": "residential care", "adoptive": "adoptive home", "supported_living": "supported living",
	"secure": "secure care",
	"visit":  "visit", "call": "phone call", "video": "video call", "letter": "letter", "message": "message",
	"high": "Act now", "medium": "Check soon", "info": "For information", "low": "When you can",
	"separated_sibling": "Brothers and sisters living apart", "unrecorded_sibling": "Brother or sister not recorded",
	"lost_connection": "Contact has stopped", "lost_at_move": "Contact lost at a move",
	"fragile_connection": "Only one link holds this connection",
	"assessment_due":     "Family connections assessment not done", "assessment_overdue": "Family connections assessment review overdue",
	"plan_action_overdue": "Plan action overdue", "views_not_recorded": "The child's view is not recorded",
	"together": "all living together", "partly_together": "some living together", "apart": "all living apart",
	"not_applicable": "fewer than two looked-after brothers and sisters with a known home",
	"gained":         "new connection", "lost": "connection ended", "contact_dropped": "contact dropped",
	"moved_circle": "moved circle", "changed": "changed",
	"keep_together": "keep together", "live_apart": "live apart", "initial": "first stage (initial)",
	"review": "review", "carer": "carer", "planned": "planned", "not_done": "not done",
	"action_done": "plan action done", "action_not_done": "plan action not done", "action_overdue": "plan action overdue",
	"professional_audience": "Professionals", "family_audience": "The family", "child_audience": "The child",
	"worker": "social worker", "manager": "team manager", "reviewing_officer": "reviewing officer",
	"evaluator": "evaluator", "admin": "administrator",
	"partner": "partner of a parent",
	// the report's breakdowns
	"not_recorded": "not recorded", "under_1_year": "under 1 year", "1_to_2_years": "1 to 2 years",
	"2_to_5_years": "2 to 5 years", "5_years_or_more": "5 years or more",
	"arranged_up_to_date": "contact arranged and kept up", "arranged_not_up_to_date": "contact arranged, not kept up",
	"no_arrangement": "no contact arranged", "restricted": "contact restricted",
	"in_contact": "in contact", "estranged": "estranged (no contact in 12 months)",
	"strangers": "strangers (never lived together, no contact)",
}

// words returns the plain words for a code (the code itself if none).
func words(code any) string {
	var s string
	switch v := code.(type) {
	case string:
		s = v
	case interface{ String() string }:
		s = v.String()
	default:
		s = toString(v)
	}
	if w, ok := plainWords[s]; ok {
		return w
	}
	return s
}

func toString(v any) string {
	switch x := v.(type) {
	case graph.RelKind:
		return string(x)
	case graph.SiblingType:
		return string(x)
	case graph.Circle:
		return string(x)
	case graph.HouseholdKind:
		return string(x)
	case graph.Role:
		return string(x)
	case analysis.Severity:
		return string(x)
	case analysis.FlagKind:
		return string(x)
	case analysis.GroupStatus:
		return string(x)
	case analysis.ChangeKind:
		return string(x)
	case int:
		return strconv.Itoa(x)
	}
	return ""
}

// longDate writes "5 January 2024", or "not recorded".
func longDate(d graph.Date) string { return cmp.Or(d.Long(), "not recorded") }

// ageText is a person's age in years on day, or their age band.
func ageText(p graph.Person, day graph.Date) string {
	if !p.DateOfBirth.IsZero() {
		y := day.YearsSince(p.DateOfBirth)
		if y == 1 {
			return "1 year"
		}
		return strconv.Itoa(y) + " years"
	}
	return cmp.Or(p.AgeBand.Words(), "not recorded")
}

// nextStep suggests what to do about a flag, naming the other person.
func nextStep(f analysis.Flag, child, other string) string {
	switch f.Kind {
	case analysis.SeparatedSibling:
		return "Record why " + child + " and " + other + " live apart, and plan how they keep in touch."
	case analysis.UnrecordedSibling:
		return "Record " + child + "'s relationship with " + other + ", or note why there is none."
	case analysis.LostConnection:
		return "Arrange contact with " + other + ", or record why there is none."
	case analysis.LostAtMove:
		return "Arrange contact with " + other + ": none since the move."
	case analysis.FragileConnection:
		return "Find a second way for " + child + " to stay in touch with " + other + "."
	case analysis.AssessmentDue:
		return "Complete the first-stage family connections assessment for " + child + "."
	case analysis.AssessmentOverdue:
		return "Review " + child + "'s family connections assessment."
	case analysis.PlanActionOverdue:
		return "Do the plan action, or record that it was done or why not."
	case analysis.ViewsNotRecorded:
		return "Ask " + child + " how they see " + other + ", and record it in their words."
	}
	return "Review this connection."
}
