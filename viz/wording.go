package viz

import (
	"fmt"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// All words on a map come from this file or from the record itself, so
// that the wording each audience gets can be read in one place. Child
// wording has no risk language: no "restricted", "separated", "flag",
// "lost", "order" or "risk".

// longDate formats a date as "1 November 2026" (graph.Date.Long).
func longDate(d graph.Date) string { return d.Long() }

// homeWord names the kind of a home.
func homeWord(k graph.HouseholdKind, aud Audience) string {
	if aud == Child {
		switch k {
		case graph.HouseholdBirthFamily:
			return "Family home"
		case graph.HouseholdKinship:
			return "Family carer's home"
		case graph.HouseholdFoster:
			return "Foster home"
		case graph.HouseholdResidential, graph.HouseholdSecure:
			return "Children's house"
		case graph.HouseholdAdoptive:
			return "Family home"
		case graph.HouseholdSupported:
			return "Own place"
		}
		return "Home"
	}
	switch k {
	case graph.HouseholdBirthFamily:
		return "Birth family home"
	case graph.HouseholdKinship:
		return "Kinship care"
	case graph.HouseholdFoster:
		return "Foster home"
	case graph.HouseholdResidential:
		return "Residential home"
	case graph.HouseholdAdoptive:
		return "Adoptive home"
	case graph.HouseholdSupported:
		return "Supported living"
	case graph.HouseholdSecure:
		return "Secure care"
	}
	return "Home"
}

// roleWord names what other is to the child through rel.
func roleWord(rel *graph.Relationship, other graph.ID, aud Audience, siblingType bool) string {
	ofChild := rel.From == other // other is the parent, carer, ... of the child
	switch rel.Kind {
	case graph.RelSibling:
		if aud == Child {
			if rel.SiblingType == graph.SiblingLike || rel.SiblingType == graph.SiblingStep {
				return "Like a brother or sister"
			}
			return "Brother or sister"
		}
		if !siblingType {
			return "Sibling"
		}
		switch rel.SiblingType {
		case graph.SiblingFull:
			return "Full sibling"
		case graph.SiblingHalf:
			return "Half-sibling"
		case graph.SiblingStep:
			return "Step-sibling"
		case graph.SiblingLike:
			return "Sibling-like"
		}
		return "Sibling"
	case graph.RelParent:
		if !ofChild {
			return "Child"
		}
		return "Parent"
	case graph.RelGrandparent:
		if !ofChild {
			return "Grandchild"
		}
		return "Grandparent"
	case graph.RelOtherKin:
		if aud == Child {
			return "Family"
		}
		return "Other family"
	case graph.RelKinshipCarer:
		if !ofChild {
			return "Cared for"
		}
		if aud == Child {
			return "Looks after me"
		}
		return "Kinship carer"
	case graph.RelFosterCarer:
		if !ofChild {
			return "Cared for"
		}
		if aud == Child {
			return "Foster carer"
		}
		return "Foster carer"
	case graph.RelResidentialCarer:
		if !ofChild {
			return "Cared for"
		}
		if aud == Child {
			return "Key worker"
		}
		return "Residential carer"
	case graph.RelFriend:
		return "Friend"
	case graph.RelPartner:
		return "Partner"
	case graph.RelProfessional:
		if aud == Child {
			return "Worker"
		}
		return "Professional"
	}
	if aud == Child {
		return "Important to me"
	}
	return "Other"
}

// frequencyWord says how often, for professionals and families.
var frequencyWord = map[graph.Frequency]string{
	graph.FreqWeekly: "weekly", graph.FreqFortnightly: "fortnightly", graph.FreqMonthly: "monthly",
	graph.FreqQuarterly: "quarterly", graph.FreqTwiceYearly: "twice a year", graph.FreqYearly: "yearly",
	graph.FreqAsAgreed: "as agreed",
}

// childFrequencyWord says how often, for a child.
var childFrequencyWord = map[graph.Frequency]string{
	graph.FreqWeekly: "every week", graph.FreqFortnightly: "every two weeks", graph.FreqMonthly: "every month",
	graph.FreqQuarterly: "a few times a year", graph.FreqTwiceYearly: "twice a year", graph.FreqYearly: "once a year",
	graph.FreqAsAgreed: "when we agree",
}

// arrangementWords describes a contact arrangement.
func arrangementWords(a *graph.Arrangement, aud Audience, supervised bool) string {
	if a == nil {
		return ""
	}
	if aud == Child {
		f := childFrequencyWord[a.Frequency]
		switch a.Mode {
		case graph.ContactDirect:
			if f == "" {
				return "We see each other"
			}
			return "We see each other " + f
		case graph.ContactIndirect:
			if f == "" {
				return "Calls, letters or messages"
			}
			return "Calls, letters or messages " + f
		}
		return ""
	}
	var s string
	switch a.Mode {
	case graph.ContactDirect:
		s = "Direct contact"
	case graph.ContactIndirect:
		s = "Indirect contact"
	case graph.ContactNone:
		return "No contact arranged"
	}
	if f := frequencyWord[a.Frequency]; f != "" {
		s += ", " + f
	}
	if supervised && a.Supervised {
		s += ", supervised"
	}
	return s
}

// restrictionWords describes a restriction for professionals.
func restrictionWords(rs *graph.Restriction) string {
	s := "Restricted: no contact"
	if rs.Kind == graph.RestrictSupervised {
		s = "Restricted: supervised only"
	}
	switch rs.Basis {
	case graph.BasisOrder:
		s += " (order"
	case graph.BasisAssessment:
		s += " (assessment"
	default:
		s += " ("
	}
	if !rs.Since.IsZero() {
		s += ", since " + longDate(rs.Since)
	}
	return s + ")"
}

// separationWords names a recorded separation reason, for professionals.
var separationWords = map[graph.SeparationReason]string{
	graph.SeparationNotSafe:     "not safe together",
	graph.SeparationNoPlacement: "no placement for the group",
	graph.SeparationChildWish:   "child's wish",
	graph.SeparationOther:       "other reason",
}

// groupWord names a group in the legend.
func groupWord(g group, aud Audience) string {
	if aud == Child {
		return [...]string{"Brothers and sisters", "Family", "People who look after me", "Friends",
			"Workers and teachers", "Pets", "Other important people"}[g]
	}
	return [...]string{"Brothers and sisters", "Parents and family", "Carers", "Friends",
		"Professionals", "Pets", "Other"}[g]
}

// lineWord explains a line style in the legend.
func lineWord(s lineState, aud Audience) string {
	if aud == Child {
		switch s {
		case lineStrong:
			return "Lots of time together"
		case lineRegular:
			return "See each other regularly"
		case lineTenuous:
			return "See each other sometimes"
		case lineLost, lineEnded:
			return "Not seeing each other just now"
		case lineUnknown:
			return "Not planned yet"
		case lineGained:
			return "New in my life"
		case lineLostReview:
			return "Not in touch now"
		case lineDropped:
			return "See each other less"
		case lineChanged:
			return "Something changed"
		case lineUnchanged:
			return "The same as before"
		}
		return ""
	}
	switch s {
	case lineStrong:
		return "Strong: lives together, or weekly or fortnightly contact"
	case lineRegular:
		return "Regular contact"
	case lineTenuous:
		return "Tenuous: occasional contact"
	case lineRestricted:
		if aud == Family {
			return "Contact limited (see the plan)"
		}
		return "Restricted contact (order or assessment)"
	case lineLost:
		return "Lost: no recent contact, or none arranged"
	case lineEnded:
		return "Ended relationship"
	case lineUnknown:
		return "No contact arrangement or contact recorded"
	case lineUnrecorded:
		return "Not recorded as a connection"
	case lineGained:
		return "Gained since the last review"
	case lineLostReview:
		return "Lost since the last review"
	case lineDropped:
		return "Contact dropped or reduced"
	case lineChanged:
		return "Changed (arrangement, restriction or circle)"
	case lineUnchanged:
		return "No change"
	case lineInferred:
		return "Shares a parent: not yet recorded as a brother or sister"
	}
	return ""
}

// circleWord names a ring of closeness.
func circleWord(ring int, aud Audience) string {
	if aud == Child {
		return [...]string{"", "Closest to me", "Close to me", "A bit further away", "Still to talk about"}[ring]
	}
	return [...]string{"", "Closest circle", "Close circle", "Further circle", "Circle not yet recorded"}[ring]
}

// flagBadge is the short text of a flag on a person, for professionals
// (numbered, with severity) and families (neutral); "" for none.
func flagBadge(f analysis.Flag, n int, aud Audience) string {
	if aud == Professional {
		return fmt.Sprintf("(%d) %s, %s", n, flagKindWord[f.Kind], severityWord[f.Severity])
	}
	if aud == Family {
		switch f.Kind {
		case analysis.SeparatedSibling:
			return "Lives apart"
		case analysis.LostConnection:
			return "No recent contact"
		case analysis.LostAtMove:
			return "Contact stopped after a move"
		}
	}
	return ""
}

var flagKindWord = map[analysis.FlagKind]string{
	analysis.SeparatedSibling:  "separated sibling",
	analysis.UnrecordedSibling: "sibling not recorded",
	analysis.LostConnection:    "lost connection",
	analysis.LostAtMove:        "lost at a placement move",
	analysis.FragileConnection: "fragile connection",
	analysis.AssessmentDue:     "assessment due",
	analysis.AssessmentOverdue: "assessment review overdue",
	analysis.PlanActionOverdue: "plan action overdue",
	analysis.ViewsNotRecorded:  "child's view not recorded",
}

var severityWord = map[analysis.Severity]string{
	analysis.High: "high", analysis.Medium: "medium", analysis.Low: "low", analysis.Info: "info",
}

// changeWord is the short text of a review change.
func changeWord(c analysis.ChangeKind, aud Audience) string {
	if aud == Child {
		switch c {
		case analysis.Gained:
			return "New in my life"
		case analysis.Lost:
			return "Not in touch now"
		case analysis.ContactDropped:
			return "See each other less"
		case analysis.MovedCircle:
			return "Moved circle"
		case analysis.ActionDone:
			return "Done, as planned"
		}
		return "Something changed"
	}
	switch c {
	case analysis.Gained:
		return "New since the last review"
	case analysis.Lost:
		return "Ended since the last review"
	case analysis.ContactDropped:
		return "Contact dropped"
	case analysis.MovedCircle:
		return "Moved circle"
	case analysis.ActionDone:
		return "Plan action done"
	case analysis.ActionNotDone:
		return "Plan action not done"
	case analysis.ActionOverdue:
		return "Plan action overdue"
	}
	return "Changed"
}

// ageWords gives an age as "age 12" or a band.
func ageWords(p *graph.Person, day graph.Date) string {
	if p.Pet {
		return ""
	}
	if !p.DateOfBirth.IsZero() {
		y := day.YearsSince(p.DateOfBirth)
		if y < 0 {
			return ""
		}
		if y >= 18 {
			return "adult"
		}
		return fmt.Sprintf("age %d", y)
	}
	switch p.AgeBand {
	case graph.AgeUnder5, graph.AgeAdult:
		return p.AgeBand.Words()
	case graph.Age5to11, graph.Age12to15, graph.Age16to17:
		return "age " + p.AgeBand.Words()
	}
	return ""
}
