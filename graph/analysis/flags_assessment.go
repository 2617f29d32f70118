package analysis

import (
	"strconv"

	"github.com/kinmap/kinmap/graph"
)

// assessmentFlags returns assessment_due or assessment_overdue (never
// both) for a child looked after at the date.
//
// assessment_due: the child has been looked after for more than
// opt.AssessmentDueDays days (since LookedAfterSince) and no assessment of
// any stage is dated within the care episode: the first-stage (initial)
// assessment is missing. A child whose episode began on an unrecorded date
// is not flagged (the count of days cannot be made).
//
// assessment_overdue: the child's latest assessment is older than the
// review interval (opt.AssessmentReviewMonths months): on the day the
// interval ends it is still in time, the day after it is overdue.
func (s *snapshot) assessmentFlags(child graph.ID, opt Options) []Flag {
	p := s.ix.Person(child)
	if p == nil || !p.LookedAfterOn(s.day) {
		return nil
	}
	latest := graph.LatestAssessment(s.n.Assessments, child, s.day)
	since := p.LookedAfterSince
	inEpisode := latest != nil && (since.IsZero() || !latest.Date.Before(since))
	if !inEpisode {
		if since.IsZero() || s.day.DaysSince(since) <= opt.AssessmentDueDays {
			return nil
		}
		due := since.AddDays(opt.AssessmentDueDays)
		dates := []Dated{{Label: "looked_after_since", Date: since}, {Label: "assessment_due", Date: due}}
		if latest != nil {
			dates = append(dates, Dated{Label: "last_assessment", Date: latest.Date})
		}
		return []Flag{{Kind: AssessmentDue, Severity: Medium,
			Explanation: sentences(s.name(child)+" has been looked after since "+longDate(since)+" ("+
				daysText(s.day.DaysSince(since))+") and has no family connections assessment in this care episode.",
				"The first-stage assessment was due within "+daysText(opt.AssessmentDueDays)+", by "+longDate(due)+"."),
			Evidence: Evidence{People: []graph.ID{child}, Dates: dates}}}
	}
	due := graph.DateOf(latest.Date.Time().AddDate(0, opt.AssessmentReviewMonths, 0))
	if !s.day.After(due) {
		return nil
	}
	return []Flag{{Kind: AssessmentOverdue, Severity: Medium,
		Explanation: sentences(s.name(child)+"'s last family connections assessment ("+string(latest.Stage)+") was on "+
			longDate(latest.Date)+".", "A review was due after "+monthsText(opt.AssessmentReviewMonths)+", by "+longDate(due)+"."),
		Evidence: Evidence{People: []graph.ID{child},
			Dates: []Dated{{Label: "last_assessment", Date: latest.Date}, {Label: "review_due", Date: due}}}}}
}

// monthsText writes "1 month" or "n months".
func monthsText(n int) string {
	if n == 1 {
		return "1 month"
	}
	return strconv.Itoa(n) + " months"
}
