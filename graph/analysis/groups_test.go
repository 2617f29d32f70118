package analysis

import (
	"fmt"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// fourHomes has four homes and no people, as of 1 June 2024.
func fourHomes() *builder {
	return newNet("", "2024-06-01").
		home("h1", graph.HouseholdFoster, "Home One").
		home("h2", graph.HouseholdFoster, "Home Two").
		home("h3", graph.HouseholdKinship, "Home Three").
		home("h4", graph.HouseholdBirthFamily, "Home Four")
}

// kids adds looked-after children of ten living in the given homes ("" for
// no recorded home).
func (b *builder) kids(homes map[string]string) *builder {
	for _, id := range sortedIDs(keys(homes)) {
		b.child(id, "Kid "+id, "2014-01-01", "2020-01-01")
		if homes[id] != "" {
			b.lives(id, homes[id], "2020-01-01", "")
		}
	}
	return b
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestSiblingGroupStatus(t *testing.T) {
	cases := []struct {
		name  string
		build func(b *builder)
		want  string // fmt of groups: members with LA flag and home, and status
	}{
		{"together", func(b *builder) {
			b.kids(map[string]string{"a": "h1", "b": "h1"}).sib("s1", "a", "b", graph.SiblingFull)
		}, "[{[a+h1 b+h1] together}]"},
		{"apart", func(b *builder) {
			b.kids(map[string]string{"a": "h1", "b": "h2"}).sib("s1", "a", "b", graph.SiblingFull)
		}, "[{[a+h1 b+h2] apart}]"},
		{"partly together, through every sub-kind", func(b *builder) {
			b.kids(map[string]string{"a": "h1", "b": "h1", "c": "h3"}).
				sib("s1", "a", "b", graph.SiblingHalf).sib("s2", "b", "c", graph.SiblingStep)
		}, "[{[a+h1 b+h1 c+h3] partly_together}]"},
		{"one looked after: not applicable", func(b *builder) {
			b.kids(map[string]string{"a": "h1"}).child("b", "Kid b", "2012-01-01", "").lives("b", "h4", "2012-01-01", "").
				sib("s1", "a", "b", graph.SiblingLike)
		}, "[{[a+h1 b-h4] not_applicable}]"},
		{"an adult sibling is not looked after", func(b *builder) {
			b.kids(map[string]string{"a": "h1"}).child("b", "Kid b", "2004-01-01", "2020-01-01").lives("b", "h2", "2020-01-01", "").
				sib("s1", "a", "b", graph.SiblingFull)
		}, "[{[a+h1 b-h2] not_applicable}]"},
		{"home not recorded is left out: together", func(b *builder) {
			b.kids(map[string]string{"a": "h1", "b": "h1", "c": ""}).
				sib("s1", "a", "b", graph.SiblingFull).sib("s2", "a", "c", graph.SiblingFull)
		}, "[{[a+h1 b+h1 c+] together}]"},
		{"home not recorded is left out: apart", func(b *builder) {
			b.kids(map[string]string{"a": "h1", "b": "h2", "c": ""}).
				sib("s1", "a", "b", graph.SiblingFull).sib("s2", "a", "c", graph.SiblingFull)
		}, "[{[a+h1 b+h2 c+] apart}]"},
		{"one looked-after member with a recorded home: not applicable", func(b *builder) {
			b.kids(map[string]string{"a": "h1", "c": ""}).sib("s1", "a", "c", graph.SiblingFull)
		}, "[{[a+h1 c+] not_applicable}]"},
		{"cycle and duplicate relationships make one group", func(b *builder) {
			b.kids(map[string]string{"a": "h1", "b": "h2", "c": "h3"}).
				sib("s1", "a", "b", graph.SiblingFull).sib("s2", "b", "c", graph.SiblingFull).
				sib("s3", "c", "a", graph.SiblingFull).sib("s4", "b", "a", graph.SiblingLike)
		}, "[{[a+h1 b+h2 c+h3] apart}]"},
		{"two groups in order, ended relationship splits", func(b *builder) {
			b.kids(map[string]string{"a": "h1", "b": "h1", "x": "h2", "y": "h3", "z": "h3"}).
				sib("s1", "y", "x", graph.SiblingFull).sib("s2", "a", "b", graph.SiblingFull).
				sib("s3", "y", "z", graph.SiblingLike).sib("s4", "b", "z", graph.SiblingLike, until("2024-01-01"))
		}, "[{[a+h1 b+h1] together} {[x+h2 y+h3 z+h3] partly_together}]"},
		{"shared parent alone does not make a group", func(b *builder) {
			b.kids(map[string]string{"a": "h1", "b": "h2"}).adult("p", "Parent").
				rel("p1", "p", "a", graph.RelParent).rel("p2", "p", "b", graph.RelParent)
		}, "[]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := fourHomes()
			tc.build(b)
			validate(t, b.net())
			if got := groupsText(SiblingGroups(b.net())); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func groupsText(gs []SiblingGroup) string {
	out := "["
	for i, g := range gs {
		if i > 0 {
			out += " "
		}
		out += "{["
		for j, m := range g.Members {
			if j > 0 {
				out += " "
			}
			la := "-"
			if m.LookedAfter {
				la = "+"
			}
			out += m.Person + la + m.Household
		}
		out += "] " + string(g.Status) + "}"
	}
	return out + "]"
}

func TestSiblingGroupOf(t *testing.T) {
	b := fourHomes().kids(map[string]string{"a": "h1", "b": "h2", "c": "h3"}).sib("s1", "a", "b", graph.SiblingFull)
	g, ok := SiblingGroupOf(b.net(), "b")
	if got := fmt.Sprintln(ok, groupsText([]SiblingGroup{g})); got != "true [{[a+h1 b+h2] apart}]\n" {
		t.Errorf("got %s, want the group of a and b", got)
	}
	if _, ok := SiblingGroupOf(b.net(), "c"); ok {
		t.Errorf("got a group for c, want none")
	}
}
