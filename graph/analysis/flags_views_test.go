package analysis

import (
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// TestViewsNotRecorded: a looked-after child's sibling with no view from
// the child is flagged (low); a circle, the child's own words said, a
// child not looked after, or an ended tie is not.
func TestViewsNotRecorded(t *testing.T) {
	base := func(opts ...relOpt) *builder {
		return newNet("amy", "2026-06-01").child("amy", "Amy Test", "2015-01-01", "2026-01-01").
			assessed("as", "amy", "2026-05-01", graph.StageReview).child("jo", "Jo Test", "2017-01-01", "").
			home("h", graph.HouseholdFoster, "Oak").lives("amy", "h", "2026-01-01", "").lives("jo", "h", "2026-01-01", "").
			sib("s1", "amy", "jo", graph.SiblingFull, opts...).contact("amy", "jo", "2026-05-20")
	}
	said := func(by string) relOpt {
		return func(r *graph.Relationship) {
			r.Said = append(r.Said, graph.Said{By: by, On: graph.MustDate("2026-04-01"), Words: "my brother"})
		}
	}
	for _, tc := range []struct {
		name string
		b    *builder
		want int
	}{
		{"no view", base(), 1},
		{"only the sibling's view", base(said("jo")), 1},
		{"the child's circle", base(circle(graph.CircleClosest)), 0},
		{"the child's words said", base(said("amy")), 0},
		{"ended tie", base(until("2026-03-01")), 0},
		{"not looked after", newNet("amy", "2026-06-01").child("amy", "Amy Test", "2015-01-01", "").
			child("jo", "Jo Test", "2017-01-01", "").sib("s1", "amy", "jo", graph.SiblingFull), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			validate(t, tc.b.net())
			fs := only(Flags(tc.b.net(), Options{}), ViewsNotRecorded)
			if len(fs) != tc.want {
				t.Fatalf("got %+v, want %d views_not_recorded", fs, tc.want)
			}
			if tc.want == 1 && (fs[0].Severity != Low || fs[0].Evidence.People[1] != "jo" || fs[0].Evidence.Relationships[0] != "s1") {
				t.Errorf("flag %+v", fs[0])
			}
		})
	}
}

// TestReviewSeesANewView: a view recorded since the last review is a
// change, without names.
func TestReviewSeesANewView(t *testing.T) {
	rel := func(r *graph.Relationship) {
		r.Said = []graph.Said{{By: "jo", On: graph.MustDate("2026-04-01"), Words: "I miss Amy"}}
		r.History = []graph.Version{{Until: graph.MustDate("2026-03-31")}}
	}
	at := func(day string) *graph.Network { // as the store gives it: details as of the day
		n := newNet("amy", day).child("amy", "Amy Test", "2015-01-01", "").child("jo", "Jo Test", "2017-01-01", "").
			sib("s1", "amy", "jo", graph.SiblingFull, rel).net()
		for i := range n.Relationships {
			n.Relationships[i] = n.Relationships[i].AsOf(n.AsOf)
		}
		return n
	}
	var got []string
	for _, c := range Review(at("2026-03-01"), at("2026-05-01")) {
		got = append(got, string(c.Kind)+": "+c.Detail)
	}
	if len(got) != 1 || got[0] != "changed: view recorded from the other person on 2026-04-01" {
		t.Errorf("got %v", got)
	}
}
