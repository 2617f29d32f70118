package neo4jstore

import (
	"context"
	"slices"
	"sync"

	"github.com/kinmap/kinmap/graph"
)

// compareReaders is how many compare queries an import's first pass
// keeps in flight while it goes on reading the file: the decoding and
// validation in Go and the index seeks in Neo4j then overlap, and two
// batches are sought at once.
var compareReaders = 2

// movedEdge is an edge of the document stored between other ends.
type movedEdge struct {
	list string
	i    int
}

// comparer runs an import's compare queries (see checkStream) in the
// background, compareReaders at a time, and gathers what they find: the
// records that are new or changed, by list, and the edges stored
// between other ends. The first error stops it.
type comparer struct {
	ctx     context.Context
	s       *Store
	slots   chan struct{}
	wg      sync.WaitGroup
	mu      sync.Mutex
	err     error
	changed map[string]*bitset
	moved   []movedEdge
}

func newComparer(ctx context.Context, s *Store) *comparer {
	return &comparer{ctx: ctx, s: s, slots: make(chan struct{}, compareReaders), changed: map[string]*bitset{}}
}

// start compares rows (of list) with what is stored, once a slot is free.
func (c *comparer) start(list string, rows []any) {
	c.slots <- struct{}{}
	c.wg.Add(1)
	go func() {
		defer func() { <-c.slots; c.wg.Done() }()
		if c.failed() != nil {
			return
		}
		newer, moved, err := c.s.compare(c.ctx, streamLists[list].compare, rows)
		c.mu.Lock()
		defer c.mu.Unlock()
		if err != nil {
			if c.err == nil {
				c.err = err
			}
			return
		}
		b := c.changed[list]
		if b == nil {
			b = &bitset{}
			c.changed[list] = b
		}
		for _, i := range newer {
			b.set(i)
		}
		for _, i := range moved {
			c.moved = append(c.moved, movedEdge{list, i})
		}
	}()
}

// failed is the first error a compare query met, if any.
func (c *comparer) failed() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// wait waits for the queries started and returns what they found, the
// moved edges in list and position order.
func (c *comparer) wait() (map[string]*bitset, []movedEdge, error) {
	c.wg.Wait()
	if c.err != nil {
		return nil, nil, c.err
	}
	slices.SortFunc(c.moved, func(a, b movedEdge) int {
		if a.list != b.list {
			return listOrder(a.list) - listOrder(b.list)
		}
		return a.i - b.i
	})
	return c.changed, c.moved, nil
}

// listOrder is a list's place in graph.Lists.
func listOrder(list string) int {
	return slices.Index(graph.Lists, list)
}

// any reports whether any position is in the set.
func (b *bitset) any() bool {
	return b != nil && slices.ContainsFunc(*b, func(w uint64) bool { return w != 0 })
}
