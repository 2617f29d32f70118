package analysis

import "github.com/kinmap/kinmap/graph"

// The report index's building blocks (report_index.go).

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
	// Fill each list from its start, moving the start along; the starts
	// then sit one list late, and move back.
	each(func(node, item int) {
		c.items[c.start[node]] = item
		c.start[node]++
	})
	copy(c.start[1:], c.start[:nodes])
	c.start[0] = 0
	return c
}

// endCache remembers the last id looked up and its node: the store's
// projection lists each person's relationships and residences together,
// so most look-ups of their person are repeats.
type endCache struct {
	id   graph.ID
	node int
	ok   bool
}

// lookup returns look(id), asking only when id is not the last one.
func (c *endCache) lookup(id graph.ID, look func(graph.ID) int) int {
	if !c.ok || c.id != id {
		c.id, c.node, c.ok = id, look(id), true
	}
	return c.node
}
