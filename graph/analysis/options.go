package analysis

// Options tunes the flags. The zero value of a field means its default, so
// Options{} behaves like DefaultOptions().
type Options struct {
	// LostAfterDays is how long without recorded contact turns an
	// important connection into a lost_connection (default 90).
	LostAfterDays int `json:"lost_after_days"`
	// MoveWindowDays is how soon after a move of the child a stop in
	// contact counts as lost_at_move rather than lost_connection
	// (default 60).
	MoveWindowDays int `json:"move_window_days"`
	// AssessmentDueDays is how long a child may be looked after without
	// an assessment before assessment_due (default 42,
	// KINMAP_ASSESSMENT_DUE_DAYS).
	AssessmentDueDays int `json:"assessment_due_days,omitempty"`
	// AssessmentReviewMonths is the review interval after the latest
	// assessment before assessment_overdue (default 6,
	// KINMAP_ASSESSMENT_REVIEW_MONTHS).
	AssessmentReviewMonths int `json:"assessment_review_months,omitempty"`
}

// Defaults for Options.
const (
	DefaultLostAfterDays  = 90
	DefaultMoveWindowDays = 60

	DefaultAssessmentDueDays      = 42
	DefaultAssessmentReviewMonths = 6
)

// DefaultOptions returns the recommended thresholds: 90 days without
// contact, 60 days after a move.
func DefaultOptions() Options {
	return Options{LostAfterDays: DefaultLostAfterDays, MoveWindowDays: DefaultMoveWindowDays,
		AssessmentDueDays: DefaultAssessmentDueDays, AssessmentReviewMonths: DefaultAssessmentReviewMonths}
}

// withDefaults replaces zero or negative fields by their defaults.
func (o Options) withDefaults() Options {
	if o.LostAfterDays <= 0 {
		o.LostAfterDays = DefaultLostAfterDays
	}
	if o.MoveWindowDays <= 0 {
		o.MoveWindowDays = DefaultMoveWindowDays
	}
	if o.AssessmentDueDays <= 0 {
		o.AssessmentDueDays = DefaultAssessmentDueDays
	}
	if o.AssessmentReviewMonths <= 0 {
		o.AssessmentReviewMonths = DefaultAssessmentReviewMonths
	}
	return o
}
