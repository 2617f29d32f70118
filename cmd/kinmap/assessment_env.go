package main

import (
	"fmt"
	"strconv"

	"github.com/kinmap/kinmap/graph/analysis"
)

// assessmentOptions reads KINMAP_ASSESSMENT_DUE_DAYS (days looked after
// before assessment_due, default 42) and KINMAP_ASSESSMENT_REVIEW_MONTHS
// (the review interval before assessment_overdue, default 6).
func assessmentOptions() (analysis.Options, error) {
	var opt analysis.Options
	for _, v := range []struct {
		name     string
		def, max int
		to       *int
	}{
		{"KINMAP_ASSESSMENT_DUE_DAYS", analysis.DefaultAssessmentDueDays, 3650, &opt.AssessmentDueDays},
		{"KINMAP_ASSESSMENT_REVIEW_MONTHS", analysis.DefaultAssessmentReviewMonths, 120, &opt.AssessmentReviewMonths},
	} {
		*v.to = v.def
		s := getenv(v.name, "")
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > v.max {
			return opt, fmt.Errorf("%s must be a whole number from 1 to %d, got %q", v.name, v.max, s)
		}
		*v.to = n
	}
	return opt, nil
}
