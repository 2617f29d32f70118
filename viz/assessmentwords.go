package viz

import "github.com/kinmap/kinmap/graph"

// assessmentWords is the line of a professional's map that says when the
// child's Family Connections Assessment was last done, and at what stage;
// for a looked-after child with none, that none is recorded. Other
// audiences' maps say nothing of it.
func (r *redactor) assessmentWords() string {
	if r.aud != Professional {
		return ""
	}
	a := graph.LatestAssessment(r.assessments, r.child, r.asOf)
	if a == nil {
		if p := r.ix.Person(r.child); p != nil && p.LookedAfterOn(r.asOf) {
			return "No assessment recorded"
		}
		return ""
	}
	return "Last assessment " + longDate(a.Date) + " (" + assessmentStageWord[a.Stage] + ")"
}

// assessmentStageWord names an assessment's stage on a map.
var assessmentStageWord = map[graph.AssessmentStage]string{
	graph.StageInitial: "initial",
	graph.StageFull:    "full",
	graph.StageReview:  "review",
}
