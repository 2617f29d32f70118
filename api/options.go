package api

import "github.com/kinmap/kinmap/graph/analysis"

// options are the analysis options of every flag the server computes:
// the defaults, with the assessment thresholds of Config.Analysis
// (KINMAP_ASSESSMENT_DUE_DAYS, KINMAP_ASSESSMENT_REVIEW_MONTHS). The
// flags endpoint's query parameters override the others.
func (s *Server) options() analysis.Options {
	opt := analysis.DefaultOptions()
	if s.cfg.Analysis.AssessmentDueDays > 0 {
		opt.AssessmentDueDays = s.cfg.Analysis.AssessmentDueDays
	}
	if s.cfg.Analysis.AssessmentReviewMonths > 0 {
		opt.AssessmentReviewMonths = s.cfg.Analysis.AssessmentReviewMonths
	}
	return opt
}
