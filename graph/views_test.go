package graph

import "testing"

func TestSaidValidate(t *testing.T) {
	base := func() Relationship {
		return Relationship{ID: "r1", From: "p-amy", To: "p-jo", Kind: RelSibling, SiblingType: SiblingFull,
			Said: []Said{{By: "p-jo", On: MustDate("2026-01-10"), Words: "I miss Amy"}}}
	}
	if err := base().Validate(); err != nil {
		t.Fatalf("valid: %v", err)
	}
	for _, tc := range []struct {
		name, field string
		edit        func(*Relationship)
	}{
		{"by someone not in the relationship", "said[0].by", func(r *Relationship) { r.Said[0].By = "p-mum" }},
		{"by nobody", "said[0].by", func(r *Relationship) { r.Said[0].By = "" }},
		{"undated", "said[0].on", func(r *Relationship) { r.Said[0].On = Date{} }},
		{"in the future", "said[0].on", func(r *Relationship) { r.Said[0].On = Today().AddDays(1) }},
		{"no words", "said[0].words", func(r *Relationship) { r.Said[0].Words = " " }},
		{"in history, by someone else", "history[0].said[0].by", func(r *Relationship) {
			r.History = []Version{{Until: MustDate("2026-01-01"), Said: []Said{{By: "p-mum", On: MustDate("2025-12-01"), Words: "x"}}}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := base()
			tc.edit(&r)
			fs := Fields(r.Validate())
			if len(fs) != 1 || fs[0].Field != tc.field {
				t.Errorf("got %v, want one problem on %s", fs, tc.field)
			}
		})
	}
	// The views are details: a change makes a new version, and AsOf
	// gives the ones that held.
	r := base()
	old := r.Details(MustDate("2026-02-01"))
	r.Said = append(r.Said, Said{By: "p-amy", On: MustDate("2026-03-01"), Words: "Jo is my best brother"})
	if old.SameDetails(r.Details(Date{})) {
		t.Errorf("SameDetails: a new view is a change")
	}
	r.History = []Version{old}
	if got := r.AsOf(MustDate("2026-01-15")); len(got.Said) != 1 || !r.SaidBy("p-amy") || got.SaidBy("p-amy") {
		t.Errorf("AsOf(2026-01-15).Said = %+v, want Jo's view only", got.Said)
	}
}
