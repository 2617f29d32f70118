package analysis

import (
	"slices"

	"github.com/kinmap/kinmap/graph"
)

// gonum has no articulation points, so this file holds a Hopcroft-Tarjan
// low-link depth-first search. It is iterative (no recursion depth limit on
// a large authority) and runs in O(V+E).

// ArticulationPoints returns the people whose removal would split the
// component they belong to, in id order.
func ArticulationPoints(g *Graph) []graph.ID {
	d := newDFS(len(g.adj))
	for root := range g.adj {
		if d.pre[root] < 0 {
			d.run(g, root)
		}
	}
	var out []graph.ID
	for i, ok := range d.cut {
		if ok {
			out = append(out, g.ids[i])
		}
	}
	return out
}

// cutOff maps each articulation point of root's component, other than root
// itself, to the people who could no longer reach root without it, in id
// order.
func cutOff(g *Graph, root graph.ID) map[graph.ID][]graph.ID {
	r, ok := g.index[root]
	if !ok {
		return nil
	}
	d := newDFS(len(g.adj))
	d.run(g, r)
	out := map[graph.ID][]graph.ID{}
	for v, kids := range d.splits {
		var ids []graph.ID
		for _, c := range kids {
			for _, x := range d.order[d.pre[c] : d.last[c]+1] {
				ids = append(ids, g.ids[x])
			}
		}
		slices.Sort(ids)
		out[g.ids[v]] = ids
	}
	return out
}

// dfs is the state of a low-link search over one or more components.
type dfs struct {
	pre    []int // preorder number, -1 when not yet reached
	last   []int // largest preorder number in the node's DFS subtree
	low    []int // low-link: smallest preorder number reachable by one back edge from the subtree
	parent []int
	order  []int         // nodes in preorder, so a subtree is order[pre[c]:last[c]+1]
	cut    []bool        // articulation points
	splits map[int][]int // non-root articulation point -> DFS children whose subtrees it cuts from the root
}

func newDFS(n int) *dfs {
	d := &dfs{pre: make([]int, n), last: make([]int, n), low: make([]int, n), parent: make([]int, n),
		order: make([]int, 0, n), cut: make([]bool, n), splits: map[int][]int{}}
	for i := range d.pre {
		d.pre[i] = -1
	}
	return d
}

// run searches the component of root.
func (d *dfs) run(g *Graph, root int) {
	type frame struct{ v, next int }
	visit := func(v, parent int) {
		d.pre[v] = len(d.order)
		d.low[v] = d.pre[v]
		d.parent[v] = parent
		d.order = append(d.order, v)
	}
	visit(root, -1)
	stack := []frame{{root, 0}}
	rootKids := 0
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		v := top.v
		if top.next < len(g.adj[v]) {
			w := g.adj[v][top.next]
			top.next++
			switch {
			case d.pre[w] < 0:
				visit(w, v)
				stack = append(stack, frame{w, 0})
			case w != d.parent[v]:
				d.low[v] = min(d.low[v], d.pre[w])
			}
			continue
		}
		stack = stack[:len(stack)-1]
		d.last[v] = len(d.order) - 1
		p := d.parent[v]
		if p < 0 {
			continue
		}
		d.low[p] = min(d.low[p], d.low[v])
		if p == root {
			rootKids++
		}
		if p != root && d.low[v] >= d.pre[p] {
			// Without p, v's subtree cannot reach the root.
			d.splits[p] = append(d.splits[p], v)
			d.cut[p] = true
		}
	}
	// The root separates its subtrees from each other only when it has
	// more than one.
	d.cut[root] = rootKids > 1
}
