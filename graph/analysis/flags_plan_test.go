package analysis

import (
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// TestPlanActionOverdue: an open action past its due date is flagged;
// one due today, done, not done, made later or another child's is not.
func TestPlanActionOverdue(t *testing.T) {
	base := func() *builder {
		return newNet("amy", "2026-03-01").child("amy", "Amy Test", "2015-01-01", "2026-01-01").
			assessed("as", "amy", "2026-01-20", graph.StageInitial).adult("gran", "Gran Test").
			rel("g1", "gran", "amy", graph.RelGrandparent).contact("amy", "gran", "2026-02-20")
	}
	for _, tc := range []struct {
		name string
		b    *builder
		want int
	}{
		{"past due, planned", base().action("a1", "amy", "gran", "2026-01-10", "2026-02-01", graph.ActionPlanned, ""), 1},
		{"past due, no connection", base().action("a1", "amy", "", "2026-01-10", "2026-02-01", graph.ActionPlanned, ""), 1},
		{"due today", base().action("a1", "amy", "gran", "2026-01-10", "2026-03-01", graph.ActionPlanned, ""), 0},
		{"done", base().action("a1", "amy", "gran", "2026-01-10", "2026-02-01", graph.ActionDone, "2026-02-01"), 0},
		{"not done", base().action("a1", "amy", "gran", "2026-01-10", "2026-02-01", graph.ActionNotDone, "2026-02-02"), 0},
		{"done only after the date", base().action("a1", "amy", "gran", "2026-01-10", "2026-02-01", graph.ActionDone, "2026-03-05"), 1},
		{"made after the date", base().action("a1", "amy", "gran", "2026-03-02", "2026-03-10", graph.ActionPlanned, ""), 0},
		{"another child's", base().child("ben", "Ben Test", "2016-01-01", "").
			action("b1", "ben", "", "2026-01-10", "2026-02-01", graph.ActionPlanned, ""), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := only(Flags(tc.b.net(), Options{}), PlanActionOverdue)
			if len(fs) != tc.want {
				t.Fatalf("got %+v, want %d plan_action_overdue", fs, tc.want)
			}
			if tc.want == 1 && (fs[0].Severity != Medium || fs[0].Evidence.People[0] != "amy" ||
				!strings.Contains(fs[0].Explanation, "was due on 1 February 2026") || !strings.Contains(fs[0].Explanation, "28 days overdue")) {
				t.Errorf("flag %+v", fs[0])
			}
		})
	}
}

// TestNoActionInThePlan: a lost connection's explanation says there is no
// action in the plan unless an action for that person is open.
func TestNoActionInThePlan(t *testing.T) {
	lost := func() *builder {
		return newNet("amy", "2026-06-01").child("amy", "Amy Test", "2015-01-01", "2026-01-01").
			assessed("as", "amy", "2026-05-01", graph.StageReview).adult("gran", "Gran Test").
			rel("g1", "gran", "amy", graph.RelGrandparent, circleTo(graph.CircleClosest)).contact("amy", "gran", "2026-01-05")
	}
	for _, tc := range []struct {
		name string
		b    *builder
		say  bool
	}{
		{"no action", lost(), true},
		{"an open action", lost().action("a1", "amy", "gran", "2026-05-01", "2026-07-01", graph.ActionPlanned, ""), false},
		{"an action done", lost().action("a1", "amy", "gran", "2026-02-01", "2026-03-01", graph.ActionDone, "2026-03-01"), true},
		{"an action for someone else", lost().adult("aunt", "Aunt Test").
			action("a1", "amy", "aunt", "2026-05-01", "2026-07-01", graph.ActionPlanned, ""), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := only(Flags(tc.b.net(), Options{}), LostConnection)
			if len(fs) != 1 {
				t.Fatalf("got %+v, want one lost_connection", fs)
			}
			if got := strings.HasSuffix(fs[0].Explanation, noActionText); got != tc.say {
				t.Errorf("explanation %q: says no action = %v, want %v", fs[0].Explanation, got, tc.say)
			}
		})
	}
}

// TestReviewListsPlanActions: done and not done in the period, overdue at
// its end; none from before the period or still in time.
func TestReviewListsPlanActions(t *testing.T) {
	at := func(day string) *graph.Network {
		return newNet("amy", day).child("amy", "Amy Test", "2015-01-01", "2026-01-01").adult("gran", "Gran Test").
			rel("g1", "gran", "amy", graph.RelGrandparent).
			action("a-done", "amy", "gran", "2026-01-10", "2026-02-01", graph.ActionDone, "2026-03-10").
			action("a-not", "amy", "", "2026-01-10", "2026-02-01", graph.ActionNotDone, "2026-04-01").
			action("a-old", "amy", "gran", "2026-01-10", "2026-01-20", graph.ActionDone, "2026-01-20").
			action("a-late", "amy", "gran", "2026-02-01", "2026-04-01", graph.ActionPlanned, "").
			action("a-intime", "amy", "gran", "2026-02-01", "2026-06-01", graph.ActionPlanned, "").net()
	}
	var got []string
	for _, c := range Review(at("2026-03-01"), at("2026-05-01")) {
		if c.PlanAction != "" {
			got = append(got, string(c.Kind)+" "+c.PlanAction+" "+c.Person)
		}
	}
	want := []string{"action_not_done a-not amy", "action_done a-done gran", "action_overdue a-late gran"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("got %v,\nwant %v", got, want)
	}
}
