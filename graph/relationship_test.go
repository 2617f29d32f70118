package graph

import (
	"reflect"
	"testing"
)

func TestRelationshipAsOf(t *testing.T) {
	inClose, inClosest, inFurther := &View{Circle: CircleClose}, &View{Circle: CircleClosest}, &View{Circle: CircleFurther}
	weekly := &Arrangement{Mode: ContactDirect, Frequency: FreqWeekly}
	monthly := &Arrangement{Mode: ContactDirect, Frequency: FreqMonthly}
	order := &Restriction{Kind: RestrictNoContact, Basis: BasisOrder}
	r := Relationship{ID: "r1", From: "a", To: "b", Kind: RelFriend, Since: MustDate("2020-01-01"),
		FromView: inClosest, Contact: monthly, Restriction: order,
		History: []Version{
			{Until: MustDate("2022-12-31"), FromView: inFurther},
			{Until: MustDate("2024-05-31"), FromView: inClose, Contact: weekly},
		}}
	now := Relationship{ID: "r1", From: "a", To: "b", Kind: RelFriend, Since: MustDate("2020-01-01"),
		FromView: inClosest, Contact: monthly, Restriction: order}
	tests := []struct {
		day  string
		want Relationship
	}{
		{"2019-06-01", Relationship{ID: "r1", From: "a", To: "b", Kind: RelFriend, Since: MustDate("2020-01-01"), FromView: inFurther}},
		{"2022-12-31", Relationship{ID: "r1", From: "a", To: "b", Kind: RelFriend, Since: MustDate("2020-01-01"), FromView: inFurther}},
		{"2023-01-01", Relationship{ID: "r1", From: "a", To: "b", Kind: RelFriend, Since: MustDate("2020-01-01"), FromView: inClose, Contact: weekly}},
		{"2024-05-31", Relationship{ID: "r1", From: "a", To: "b", Kind: RelFriend, Since: MustDate("2020-01-01"), FromView: inClose, Contact: weekly}},
		{"2024-06-01", now},
		{"2030-01-01", now},
	}
	for _, tt := range tests {
		if got := r.AsOf(MustDate(tt.day)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("AsOf(%s): got %+v, want %+v", tt.day, got, tt.want)
		}
	}
	if got := now.AsOf(MustDate("2000-01-01")); !reflect.DeepEqual(got, now) {
		t.Errorf("AsOf without history: got %+v, want the relationship unchanged", got)
	}
	if len(r.History) != 2 || r.FromView != inClosest {
		t.Errorf("AsOf changed its receiver: got %+v", r)
	}
}

func TestVersionSameDetails(t *testing.T) {
	base := Version{Until: MustDate("2024-01-01"), FromView: &View{Circle: CircleClose, Words: "my pal"},
		Contact:     &Arrangement{Mode: ContactDirect, Frequency: FreqWeekly},
		Restriction: &Restriction{Kind: RestrictSupervised, Basis: BasisOrder, Since: MustDate("2023-01-01")},
		Separation:  &Separation{Reason: SeparationChildWish, Decided: MustDate("2023-02-01")}}
	tests := []struct {
		name   string
		mutate func(*Version)
		want   bool
	}{
		{"a copy with another until", func(v *Version) { v.Until = MustDate("2025-01-01") }, true},
		{"equal values, other pointers", func(v *Version) {
			v.FromView = &View{Circle: CircleClose, Words: "my pal"}
			v.Restriction = &Restriction{Kind: RestrictSupervised, Basis: BasisOrder, Since: MustDate("2023-01-01")}
		}, true},
		{"circle moved", func(v *Version) { v.FromView = &View{Circle: CircleClosest, Words: "my pal"} }, false},
		{"words changed", func(v *Version) { v.FromView = &View{Circle: CircleClose} }, false},
		{"to view added", func(v *Version) { v.ToView = &View{Circle: CircleFurther} }, false},
		{"contact removed", func(v *Version) { v.Contact = nil }, false},
		{"contact reduced", func(v *Version) { v.Contact = &Arrangement{Mode: ContactDirect, Frequency: FreqMonthly} }, false},
		{"restriction since moved", func(v *Version) {
			v.Restriction = &Restriction{Kind: RestrictSupervised, Basis: BasisOrder, Since: MustDate("2023-06-01")}
		}, false},
		{"separation removed", func(v *Version) { v.Separation = nil }, false},
		{"separation detail", func(v *Version) {
			v.Separation = &Separation{Reason: SeparationChildWish, Detail: "x", Decided: MustDate("2023-02-01")}
		}, false},
	}
	for _, tt := range tests {
		v := base
		tt.mutate(&v)
		if got := base.SameDetails(v); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}
