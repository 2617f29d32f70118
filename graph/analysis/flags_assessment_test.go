package analysis

import (
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// TestAssessmentFlags: assessment_due once a looked-after child has gone
// more than the due days without an assessment in the care episode, and
// assessment_overdue once the latest is older than the review interval.
func TestAssessmentFlags(t *testing.T) {
	// Amy has been looked after since 2026-01-01.
	base := func(asOf string) *builder {
		return newNet("amy", asOf).child("amy", "Amy Test", "2015-01-01", "2026-01-01")
	}
	for _, tc := range []struct {
		name string
		b    *builder
		opt  Options
		want []FlagKind
	}{
		{"42 days: not yet due", base("2026-02-12"), Options{}, nil},
		{"43 days: due", base("2026-02-13"), Options{}, []FlagKind{AssessmentDue}},
		{"due days configurable", base("2026-01-20"), Options{AssessmentDueDays: 14}, []FlagKind{AssessmentDue}},
		{"initial assessment made", base("2026-02-13").assessed("a1", "amy", "2026-01-20", graph.StageInitial), Options{}, nil},
		{"assessment from an earlier episode", base("2026-02-13").assessed("a0", "amy", "2025-06-01", graph.StageFull),
			Options{}, []FlagKind{AssessmentDue}},
		{"assessment after the date does not count", base("2026-02-13").assessed("a1", "amy", "2026-03-01", graph.StageInitial),
			Options{}, []FlagKind{AssessmentDue}},
		{"another child's assessment does not count", base("2026-02-13").child("ben", "Ben Test", "2016-01-01", "").
			assessed("b1", "ben", "2026-01-20", graph.StageInitial), Options{}, []FlagKind{AssessmentDue}},
		{"not looked after", newNet("amy", "2026-06-01").child("amy", "Amy Test", "2015-01-01", ""), Options{}, nil},
		{"review in time on the last day", base("2026-07-20").assessed("a1", "amy", "2026-01-20", graph.StageInitial), Options{}, nil},
		{"review overdue the day after", base("2026-07-21").assessed("a1", "amy", "2026-01-20", graph.StageInitial),
			Options{}, []FlagKind{AssessmentOverdue}},
		{"a later review resets it", base("2026-09-01").assessed("a1", "amy", "2026-01-20", graph.StageInitial).
			assessed("a2", "amy", "2026-07-01", graph.StageReview), Options{}, nil},
		{"review interval configurable", base("2026-04-21").assessed("a1", "amy", "2026-01-20", graph.StageInitial),
			Options{AssessmentReviewMonths: 3}, []FlagKind{AssessmentOverdue}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			validate(t, tc.b.net())
			var got []FlagKind
			for _, f := range Flags(tc.b.net(), tc.opt) {
				if f.Kind == AssessmentDue || f.Kind == AssessmentOverdue {
					got = append(got, f.Kind)
					if f.Severity != Medium || len(f.Evidence.People) != 1 || f.Evidence.People[0] != "amy" || f.Explanation == "" {
						t.Errorf("flag %+v: want medium, evidence amy, an explanation", f)
					}
				}
			}
			if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAssessmentDueExplanation(t *testing.T) {
	b := newNet("amy", "2026-02-13").child("amy", "Amy Test", "2015-01-01", "2026-01-01")
	fs := only(Flags(b.net(), Options{}), AssessmentDue)
	want := "Amy has been looked after since 1 January 2026 (43 days) and has no family connections assessment in this care episode. The first-stage assessment was due within 42 days, by 12 February 2026."
	if len(fs) != 1 || fs[0].Explanation != want {
		t.Errorf("got %+v,\nwant %q", fs, want)
	}
}
