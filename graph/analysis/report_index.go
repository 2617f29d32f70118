package analysis

import (
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
)

// reportIndex is an authority indexed once for the sibling placement
// report. People are numbered densely (node i is n.People[i]; parents
// named by parent relationships but not in People follow), ids are hashed
// while indexing only, and what the report asks per child (looked after?
// which home? which siblings?) is read from slices by number rather than
// from maps by id: at 12,000 children the id-keyed snapshot spent most of the
// report's time hashing strings and the garbage collector most of the
// rest. It reads the records exactly as snapshot does (snapshot.go:
// lookedAfterChild, household, siblingsOf, lastTogether, lastSeen);
// report_reference_test.go holds the report over snapshot and tests
// check the two agree.
type reportIndex struct {
	day      graph.Date
	n        *graph.Network
	nodes    int              // people, then the parents interned
	node     map[graph.ID]int // id -> node
	extra    []graph.ID       // node len(n.People)+i -> id: parents not in People
	shadowed []bool           // node -> whether a later record has the person's id (nil: none has)

	lookedAfter []bool // a looked-after child at the date (snapshot.lookedAfterChild)
	// home: index in n.Households of the home at the date, or -1
	// (snapshot.household), the last household of an id as in
	// graph.Index, so that equal indexes are equal ids; homeRes: index in
	// n.Residences of the residence at the date, or -1 (Index.ResidenceOn).
	home, homeRes []int
	households    map[graph.ID]int
	residences    csr // node -> indexes in n.Residences, in stored order

	// siblingRels: node -> indexes in n.Relationships of the current
	// sibling relationships between two people who are not pets, in
	// stored order; parents and children: the started parent
	// relationships whose child is a person who is not a pet, child ->
	// parent nodes and parent -> child nodes.
	siblingRels       csr
	parents, children csr
	relFrom, relTo    []int  // relationship -> nodes of its ends (-1: not indexed)
	relSibling        []bool // relationship -> whether it is a sibling one
	lastContact       map[[2]int]graph.Date
}

// newReportIndex indexes n for the report at n.AsOf.
func newReportIndex(n *graph.Network) *reportIndex {
	x := &reportIndex{day: n.AsOf, n: n, node: make(map[graph.ID]int, len(n.People))}
	x.nodes = len(n.People)
	for i := range n.People {
		x.node[n.People[i].ID] = i
	}
	if len(x.node) < len(n.People) { // repeated ids: as in graph.Index, the last record wins
		x.shadowed = make([]bool, len(n.People))
		for i := range n.People {
			x.shadowed[i] = x.node[n.People[i].ID] != i
		}
	}
	x.indexRelationships()
	x.markLookedAfter()
	x.indexHomes()
	x.indexContacts()
	return x
}

// person returns the node of a person who is not a pet, or -1
// (snapshot.isPet).
func (x *reportIndex) person(id graph.ID) int {
	if i, ok := x.node[id]; ok && x.notPet(i) {
		return i
	}
	return -1
}

// notPet reports whether node i is a person who is not a pet.
func (x *reportIndex) notPet(i int) bool {
	p := x.personOf(i)
	return p != nil && !p.Pet
}

// personOf returns node i's person, or nil.
func (x *reportIndex) personOf(i int) *graph.Person {
	if i >= len(x.n.People) || x.shadowed != nil && x.shadowed[i] {
		return nil
	}
	return &x.n.People[i]
}

// id returns node i's id.
func (x *reportIndex) id(i int) graph.ID {
	if i < len(x.n.People) {
		return x.n.People[i].ID
	}
	return x.extra[i-len(x.n.People)]
}

// indexRelationships numbers the ends of the sibling and parent
// relationships that count and lists them by node.
func (x *reportIndex) indexRelationships() {
	rels := x.n.Relationships
	x.relFrom, x.relTo, x.relSibling = make([]int, len(rels)), make([]int, len(rels)), make([]bool, len(rels))
	var fromPerson, fromParent endCache // (interning never changes a looked-up node)
	for i := range rels {
		r := &rels[i]
		x.relFrom[i], x.relTo[i] = -1, -1
		if r.From == r.To {
			continue
		}
		switch {
		case r.Kind == graph.RelSibling && r.Span().Covers(x.day):
			if a, b := fromPerson.lookup(r.From, x.person), x.person(r.To); a >= 0 && b >= 0 {
				x.relFrom[i], x.relTo[i], x.relSibling[i] = a, b, true
			}
		case r.Kind == graph.RelParent && r.Span().Started(x.day):
			// Any parent makes siblings of their children (snapshot.parentRels
			// does not ask whether the parent is a person); pets are never
			// the siblings.
			if c := x.person(r.To); c >= 0 {
				x.relFrom[i], x.relTo[i] = fromParent.lookup(r.From, x.intern), c
			}
		}
	}
	nodes := x.nodes
	x.siblingRels = newCSR(nodes, func(add func(int, int)) {
		for i, sib := range x.relSibling {
			if sib {
				add(x.relFrom[i], i)
				add(x.relTo[i], i)
			}
		}
	})
	x.parents = newCSR(nodes, func(add func(int, int)) {
		for i, sib := range x.relSibling {
			if !sib && x.relFrom[i] >= 0 {
				add(x.relTo[i], x.relFrom[i])
			}
		}
	})
	x.children = newCSR(nodes, func(add func(int, int)) {
		for i, sib := range x.relSibling {
			if !sib && x.relFrom[i] >= 0 {
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
	i := x.nodes
	x.node[id] = i
	x.extra = append(x.extra, id)
	x.nodes++
	return i
}

// markLookedAfter marks the looked-after children at the date.
func (x *reportIndex) markLookedAfter() {
	x.lookedAfter = make([]bool, x.nodes)
	for i := range x.n.People {
		p := x.personOf(i)
		x.lookedAfter[i] = p != nil && !p.Pet && p.LookedAfterOn(x.day) && !p.IsAdult(x.day)
	}
}

// indexHomes lists the residences of looked-after children and finds
// their homes at the date: the report asks no one else's.
func (x *reportIndex) indexHomes() {
	x.households = make(map[graph.ID]int, len(x.n.Households))
	for i := range x.n.Households {
		x.households[x.n.Households[i].ID] = i
	}
	res := x.n.Residences
	owner := make([]int, len(res))
	var last endCache
	for i := range res {
		owner[i] = last.lookup(res[i].Person, func(id graph.ID) int {
			if j, ok := x.node[id]; ok && x.lookedAfter[j] {
				return j
			}
			return -1
		})
	}
	x.residences = newCSR(x.nodes, func(add func(int, int)) {
		for i, o := range owner {
			if o >= 0 {
				add(o, i)
			}
		}
	})
	x.home, x.homeRes = make([]int, x.nodes), make([]int, x.nodes)
	for i := range x.nodes {
		x.home[i], x.homeRes[i] = -1, -1
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
	t := sibTie{other: x.id(o)}
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
