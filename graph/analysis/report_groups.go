package analysis

import (
	"cmp"
	"slices"

	"github.com/kinmap/kinmap/graph"
)

// addGroups classifies the sibling groups (SiblingGroups' components, by
// the same ties: current sibling relationships and started parent
// relationships to a parent in common, people who are not pets only) by
// where their looked-after members with a recorded home live, and counts
// the split ones spread over council areas. The report needs no more of
// a group than that, so it joins nodes with a union-find rather than
// building the groups.
func (r *Report) addGroups(x *reportIndex) {
	u := newUnionFind(x.nodes)
	for k, sib := range x.relSibling {
		if sib {
			u.union(x.relFrom[k], x.relTo[k])
		}
	}
	for p := range x.nodes {
		if !x.notPet(p) {
			continue // a parent who is a pet or not a person joins no one (siblingGraph)
		}
		kids := x.children.of(p)
		for _, c := range kids {
			u.union(kids[0], c)
		}
	}
	// One entry per looked-after member with a home, by group then home.
	type member struct{ group, home int }
	ms := make([]member, 0, x.nodes/4)
	for i := range x.nodes {
		if x.lookedAfter[i] && x.home[i] >= 0 {
			ms = append(ms, member{u.find(i), x.home[i]})
		}
	}
	slices.SortFunc(ms, func(a, b member) int {
		return cmp.Or(cmp.Compare(a.group, b.group), cmp.Compare(a.home, b.home))
	})
	for len(ms) > 0 {
		end := 1
		for end < len(ms) && ms[end].group == ms[0].group {
			end++
		}
		homes := make([]*graph.Household, end)
		for j, m := range ms[:end] {
			homes[j] = &x.n.Households[m.home]
		}
		r.addGroup(homes)
		ms = ms[end:]
	}
}

// addGroup counts a sibling group by the homes of its looked-after
// members (classify); a split one is spread over council areas when its
// homes' recorded areas differ (splitAcrossCouncils).
func (r *Report) addGroup(homes []*graph.Household) {
	if len(homes) < 2 {
		return // not applicable
	}
	ids := make(map[graph.ID]bool, len(homes))
	areas := map[graph.CouncilArea]bool{}
	for _, h := range homes {
		ids[h.ID] = true
		if h.CouncilArea != "" {
			areas[h.CouncilArea] = true
		}
	}
	r.Groups.Groups++
	switch len(ids) {
	case 1:
		r.Groups.Together++
		return
	case len(homes):
		r.Groups.Apart++
	default:
		r.Groups.PartlyTogether++
	}
	if len(areas) > 1 {
		r.GroupsSplitAcrossCouncils++
	}
}

// unionFind joins nodes 0..n-1 into sets (path halving, union by size).
type unionFind struct{ parent, size []int }

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int, n), size: make([]int, n)}
	for i := range u.parent {
		u.parent[i], u.size[i] = i, 1
	}
	return u
}

// find returns the representative of i's set.
func (u *unionFind) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// union joins the sets of a and b.
func (u *unionFind) union(a, b int) {
	a, b = u.find(a), u.find(b)
	if a == b {
		return
	}
	if u.size[a] < u.size[b] {
		a, b = b, a
	}
	u.parent[b] = a
	u.size[a] += u.size[b]
}
