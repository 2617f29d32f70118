package analysis

import (
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
)

// reportIndex is an authority indexed once for the sibling placement
// report. People are numbered densely (node i is n.People[i]; parents
// named by parent relationships but not in People follow), every id is
// hashed once, and what the report asks per child (looked after? which
// home? which siblings?) is read from slices by number rather than from
// maps by id: at 12,000 children the id-keyed snapshot spent most of the
// report's time hashing strings and the garbage collector most of the
// rest. It reads the records exactly as snapshot does (snapshot.go:
// lookedAfterChild, household, siblingsOf, lastTogether, lastSeen);
// report_reference_test.go holds the report over snapshot and tests
// check the two agree.
type reportIndex struct {
	day    graph.Date
	n      *graph.Network
	ids    []graph.ID      // node -> id
	people []*graph.Person // node -> person (nil: not in People, or a duplicate id's earlier record)
	node   map[graph.ID]int

	lookedAfter []bool // a looked-after child at the date (snapshot.lookedAfterChild)
	home        []int  // index in n.Households of the home at the date, or -1 (snapshot.household)
	homeRes     []int  // index in n.Residences of the residence at the date, or -1 (Index.ResidenceOn)
	households  map[graph.ID]int
	residences  csr // node -> indexes in n.Residences, in stored order

	// siblingRels: node -> indexes in n.Relationships of the current
	// sibling relationships between two people who are not pets, in
	// stored order; parents and children: the started parent
	// relationships whose child is a person who is not a pet, child ->
	// parent nodes and parent -> child nodes.
	siblingRels       csr
	parents, children csr
	relFrom, relTo    []int // relationship -> nodes of its ends (-1: not indexed)
	lastContact       map[[2]int]graph.Date
}

// csr is a list per node in one slice (compressed sparse rows): the list
// of node i is items[start[i]:start[i+1]].
type csr struct {
	start []int
	items []int
}

// of returns node i's list.
func (c csr) of(i int) []int { return c.items[c.start[i]:c.start[i+1]] }

// newCSR builds a csr over nodes nodes from the (node, item) pairs that
// each calls add with, in order; each is called twice (to count, then to
// fill).
func newCSR(nodes int, each func(add func(node, item int))) csr {
	c := csr{start: make([]int, nodes+1)}
	each(func(node, _ int) { c.start[node+1]++ })
	for i := range nodes {
		c.start[i+1] += c.start[i]
	}
	c.items = make([]int, c.start[nodes])
	next := slices.Clone(c.start[:nodes])
	each(func(node, item int) {
		c.items[next[node]] = item
		next[node]++
	})
	return c
}

// newReportIndex indexes n for the report at n.AsOf.
func newReportIndex(n *graph.Network) *reportIndex {
	x := &reportIndex{day: n.AsOf, n: n, node: make(map[graph.ID]int, len(n.People))}
	x.ids = make([]graph.ID, len(n.People))
	x.people = make([]*graph.Person, len(n.People))
	for i := range n.People {
		id := n.People[i].ID
		if j, dup := x.node[id]; dup {
			x.people[j] = nil // as graph.Index, the last record of an id wins
		}
		x.node[id], x.ids[i], x.people[i] = i, id, &n.People[i]
	}
	x.indexRelationships()
	x.indexHomes()
	x.indexContacts()
	return x
}

// person returns the node of a person who is not a pet, or -1
// (snapshot.isPet).
func (x *reportIndex) person(id graph.ID) int {
	if i, ok := x.node[id]; ok && i < len(x.people) && x.people[i] != nil && !x.people[i].Pet {
		return i
	}
	return -1
}

// indexRelationships numbers the ends of the sibling and parent
// relationships that count and lists them by node.
func (x *reportIndex) indexRelationships() {
	rels := x.n.Relationships
	x.relFrom, x.relTo = make([]int, len(rels)), make([]int, len(rels))
	for i := range rels {
		r := &rels[i]
		x.relFrom[i], x.relTo[i] = -1, -1
		if r.From == r.To {
			continue
		}
		switch {
		case r.Kind == graph.RelSibling && r.Span().Covers(x.day):
			if a, b := x.person(r.From), x.person(r.To); a >= 0 && b >= 0 {
				x.relFrom[i], x.relTo[i] = a, b
			}
		case r.Kind == graph.RelParent && r.Span().Started(x.day):
			// Any parent makes siblings of their children (snapshot.parentRels
			// does not ask whether the parent is a person); pets are never
			// the siblings.
			if c := x.person(r.To); c >= 0 {
				x.relFrom[i], x.relTo[i] = x.intern(r.From), c
			}
		}
	}
	nodes := len(x.ids)
	x.siblingRels = newCSR(nodes, func(add func(int, int)) {
		for i, r := range rels {
			if r.Kind == graph.RelSibling && x.relFrom[i] >= 0 {
				add(x.relFrom[i], i)
				add(x.relTo[i], i)
			}
		}
	})
	x.parents = newCSR(nodes, func(add func(int, int)) {
		for i, r := range rels {
			if r.Kind == graph.RelParent && x.relFrom[i] >= 0 {
				add(x.relTo[i], x.relFrom[i])
			}
		}
	})
	x.children = newCSR(nodes, func(add func(int, int)) {
		for i, r := range rels {
			if r.Kind == graph.RelParent && x.relFrom[i] >= 0 {
				add(x.relFrom[i], x.relTo[i])
			}
		}
	})
}

// intern returns the node of id, numbering it when it is not a person.
func (x *reportIndex) intern(id graph.ID) int {
	if i, ok := x.node[id]; ok {
		return i
	}
	i := len(x.ids)
	x.node[id] = i
	x.ids = append(x.ids, id)
	return i
}

// indexHomes lists each person's residences and finds their home at the
// date, and marks the looked-after children.
func (x *reportIndex) indexHomes() {
	x.households = make(map[graph.ID]int, len(x.n.Households))
	for i := range x.n.Households {
		x.households[x.n.Households[i].ID] = i
	}
	res := x.n.Residences
	owner := make([]int, len(res))
	for i := range res {
		owner[i] = -1
		if j, ok := x.node[res[i].Person]; ok && j < len(x.people) {
			owner[i] = j
		}
	}
	x.residences = newCSR(len(x.ids), func(add func(int, int)) {
		for i, o := range owner {
			if o >= 0 {
				add(o, i)
			}
		}
	})
	x.lookedAfter = make([]bool, len(x.ids))
	x.home, x.homeRes = make([]int, len(x.ids)), make([]int, len(x.ids))
	for i := range x.ids {
		x.home[i], x.homeRes[i] = -1, -1
		if p := x.personAt(i); p != nil {
			x.lookedAfter[i] = !p.Pet && p.LookedAfterOn(x.day) && !p.IsAdult(x.day)
		}
		best := -1
		for _, k := range x.residences.of(i) {
			if res[k].Span().Covers(x.day) && (best < 0 || res[k].From.After(res[best].From)) {
				best = k
			}
		}
		if best >= 0 {
			x.homeRes[i] = best
			if h, ok := x.households[res[best].Household]; ok {
				x.home[i] = h
			}
		}
	}
}

// personAt returns node i's person, or nil.
func (x *reportIndex) personAt(i int) *graph.Person {
	if i < len(x.people) {
		return x.people[i]
	}
	return nil
}

// indexContacts keeps the last contact on or before the date between each
// pair of looked-after children.
func (x *reportIndex) indexContacts() {
	x.lastContact = map[[2]int]graph.Date{}
	for i := range x.n.Contacts {
		c := &x.n.Contacts[i]
		if c.Date.IsZero() || c.Date.After(x.day) {
			continue
		}
		a, okA := x.node[c.From]
		b, okB := x.node[c.To]
		if !okA || !okB || !x.lookedAfter[a] || !x.lookedAfter[b] {
			continue
		}
		k := [2]int{min(a, b), max(a, b)}
		if last, ok := x.lastContact[k]; !ok || c.Date.After(last) {
			x.lastContact[k] = c.Date
		}
	}
}

// household returns node i's home at the date, or nil.
func (x *reportIndex) household(i int) *graph.Household {
	if h := x.home[i]; h >= 0 {
		return &x.n.Households[h]
	}
	return nil
}

// lookedAfterSiblings appends to all the looked-after siblings of
// looked-after child i (snapshot.siblingsOf, by node, in no particular
// order), using seen (one entry per node, all false, and left so) to list
// each once.
func (x *reportIndex) lookedAfterSiblings(i int, seen []bool, all []int) []int {
	from := len(all)
	add := func(o int) {
		if o != i && x.lookedAfter[o] && !seen[o] {
			seen[o] = true
			all = append(all, o)
		}
	}
	for _, r := range x.siblingRels.of(i) {
		add(x.otherEnd(r, i))
	}
	for _, p := range x.parents.of(i) {
		for _, c := range x.children.of(p) {
			add(c)
		}
	}
	for _, o := range all[from:] {
		seen[o] = false
	}
	return all
}

// otherEnd returns the node at the other end of relationship k from i.
func (x *reportIndex) otherEnd(k, i int) int {
	if x.relFrom[k] == i {
		return x.relTo[k]
	}
	return x.relFrom[k]
}

// tie returns the sibling tie of i with o: their current sibling
// relationships in id order (snapshot.siblingsOf's rels).
func (x *reportIndex) tie(i, o int) sibTie {
	t := sibTie{other: x.ids[o]}
	for _, k := range x.siblingRels.of(i) {
		if x.otherEnd(k, i) == o {
			t.rels = append(t.rels, &x.n.Relationships[k])
		}
	}
	slices.SortStableFunc(t.rels, func(a, b *graph.Relationship) int { return strings.Compare(a.ID, b.ID) })
	return t
}

// residencesOf returns node i's residences.
func (x *reportIndex) residencesOf(i int) []*graph.Residence {
	ks := x.residences.of(i)
	out := make([]*graph.Residence, len(ks))
	for j, k := range ks {
		out[j] = &x.n.Residences[k]
	}
	return out
}

// residenceOn returns node i's residence at the date, or nil.
func (x *reportIndex) residenceOn(i int) *graph.Residence {
	if k := x.homeRes[i]; k >= 0 {
		return &x.n.Residences[k]
	}
	return nil
}

// lastSeen is snapshot.lastSeen for two looked-after children.
func (x *reportIndex) lastSeen(a, b int) (lastSeen, bool) {
	c, okc := x.lastContact[[2]int{min(a, b), max(a, b)}]
	t, okt := lastTogether(x.residencesOf(a), x.residencesOf(b), x.day)
	return latestSeen(c, okc, t, okt)
}
