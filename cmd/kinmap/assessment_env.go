package main

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/kinmap/kinmap/graph/analysis"
)

// assessmentOptions reads KINMAP_ASSESSMENT_DUE_DAYS (days looked after
// before assessment_due, default 42) and KINMAP_ASSESSMENT_REVIEW_MONTHS
// (the review interval before assessment_overdue, default 6).
func assessmentOptions(env vars) (analysis.Options, error) {
	opt := analysis.DefaultOptions()
	var errs []error
	for _, v := range []struct {
		name     string
		def, max int
		to       *int
	}{
		{"KINMAP_ASSESSMENT_DUE_DAYS", analysis.DefaultAssessmentDueDays, 3650, &opt.AssessmentDueDays},
		{"KINMAP_ASSESSMENT_REVIEW_MONTHS", analysis.DefaultAssessmentReviewMonths, 120, &opt.AssessmentReviewMonths},
	} {
		*v.to = v.def
		s := env[v.name]
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > v.max {
			errs = append(errs, fmt.Errorf("%s must be a whole number from 1 to %d, got %q", v.name, v.max, s))
			continue
		}
		*v.to = n
	}
	return opt, errors.Join(errs...)
}
