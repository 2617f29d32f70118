package analysis

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// randomGraph returns a random graph on n nodes with about m edge draws,
// repeats and self-pairs included (NewGraph drops them).
func randomGraph(r *rand.Rand, n, m int) *Graph {
	nodes := make([]graph.ID, n)
	for i := range nodes {
		nodes[i] = fmt.Sprintf("p%03d", i)
	}
	edges := make([][2]graph.ID, m)
	for i := range edges {
		edges[i] = [2]graph.ID{nodes[r.IntN(n)], nodes[r.IntN(n)]}
	}
	return NewGraph(nodes, edges)
}

// reachWithout returns the nodes reachable from start when skip (-1 for
// none) is removed.
func reachWithout(g *Graph, start, skip int) []bool {
	seen := make([]bool, len(g.adj))
	if start == skip {
		return seen
	}
	seen[start] = true
	queue := []int{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range g.adj[v] {
			if w != skip && !seen[w] {
				seen[w] = true
				queue = append(queue, w)
			}
		}
	}
	return seen
}

func countComponents(g *Graph, skip int) int {
	done := make([]bool, len(g.adj))
	n := 0
	for v := range g.adj {
		if v == skip || done[v] {
			continue
		}
		n++
		for w, ok := range reachWithout(g, v, skip) {
			done[w] = done[w] || ok
		}
	}
	return n
}

// bruteArticulation removes each node in turn and counts components.
func bruteArticulation(g *Graph) []graph.ID {
	base := countComponents(g, -1)
	var out []graph.ID
	for v := range g.adj {
		// Removing an isolated node loses a component, removing a leaf
		// keeps the count, removing an articulation point raises it.
		if countComponents(g, v) > base-boolInt(len(g.adj[v]) == 0) {
			out = append(out, g.ids[v])
		}
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestArticulationPointsAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 400 {
		n := 1 + r.IntN(30)
		m := r.IntN(2*n + 1)
		g := randomGraph(r, n, m)
		got, want := ArticulationPoints(g), bruteArticulation(g)
		if !slices.Equal(got, want) {
			t.Fatalf("graph %d (%d nodes, edges %v): got %v, want %v", i, n, g.Edges(), got, want)
		}
	}
}

func TestCutOffAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		n := 2 + r.IntN(25)
		g := randomGraph(r, n, r.IntN(2*n+1))
		root := r.IntN(n)
		got := cutOff(g, g.ids[root])
		all := reachWithout(g, root, -1)
		want := map[graph.ID][]graph.ID{}
		for v := range g.adj {
			if v == root || !all[v] {
				continue
			}
			still := reachWithout(g, root, v)
			var lost []graph.ID
			for w := range g.adj {
				if w != v && all[w] && !still[w] {
					lost = append(lost, g.ids[w])
				}
			}
			if lost != nil {
				want[g.ids[v]] = lost
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("graph %d root %s edges %v: got %v, want %v", i, g.ids[root], g.Edges(), got, want)
		}
	}
}

func TestArticulationPointsShapes(t *testing.T) {
	e := func(pairs ...string) [][2]graph.ID {
		var out [][2]graph.ID
		for i := 0; i+1 < len(pairs); i += 2 {
			out = append(out, [2]graph.ID{pairs[i], pairs[i+1]})
		}
		return out
	}
	cases := []struct {
		name  string
		nodes []graph.ID
		edges [][2]graph.ID
		want  []graph.ID
	}{
		{"empty", nil, nil, nil},
		{"single node", []graph.ID{"a"}, nil, nil},
		{"one edge", nil, e("a", "b"), nil},
		{"path", nil, e("a", "b", "b", "c", "c", "d"), []graph.ID{"b", "c"}},
		{"cycle", nil, e("a", "b", "b", "c", "c", "a"), nil},
		{"duplicate edges and a self-pair", nil, e("a", "b", "b", "a", "a", "b", "b", "b", "b", "c"), []graph.ID{"b"}},
		{"two triangles sharing a node", nil, e("a", "b", "b", "c", "c", "a", "c", "d", "d", "e", "e", "c"), []graph.ID{"c"}},
		{"star", nil, e("h", "a", "h", "b", "h", "c"), []graph.ID{"h"}},
		{"two components", []graph.ID{"z"}, e("a", "b", "b", "c", "x", "y"), []graph.ID{"b"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ArticulationPoints(NewGraph(tc.nodes, tc.edges)); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// A long path must not overflow a stack: the search is iterative.
func TestArticulationPointsLongPath(t *testing.T) {
	const n = 200000
	nodes := make([]graph.ID, n)
	edges := make([][2]graph.ID, n-1)
	for i := range nodes {
		nodes[i] = fmt.Sprintf("p%06d", i)
		if i > 0 {
			edges[i-1] = [2]graph.ID{nodes[i-1], nodes[i]}
		}
	}
	if got := len(ArticulationPoints(NewGraph(nodes, edges))); got != n-2 {
		t.Errorf("got %d articulation points, want %d", got, n-2)
	}
}

func TestComponentsAndBetweenness(t *testing.T) {
	g := NewGraph([]graph.ID{"z"}, [][2]graph.ID{{"a", "b"}, {"b", "c"}, {"c", "a"}, {"c", "d"}, {"x", "y"}})
	if got := fmt.Sprint(Components(g)); got != "[[a b c d] [x y] [z]]" {
		t.Errorf("got components %s, want [[a b c d] [x y] [z]]", got)
	}
	bc := Betweenness(g)
	// c lies on the only shortest paths a-d and b-d.
	want := map[graph.ID]float64{"a": 0, "b": 0, "c": 2, "d": 0, "x": 0, "y": 0, "z": 0}
	if fmt.Sprint(bc) != fmt.Sprint(want) {
		t.Errorf("got betweenness %v, want %v", bc, want)
	}
}

func TestGraphAccessors(t *testing.T) {
	g := NewGraph([]graph.ID{"z", "a"}, [][2]graph.ID{{"b", "a"}, {"a", "b"}, {"c", "c"}})
	if got := fmt.Sprint(g.Nodes(), g.Edges()); got != "[a b c z] [[a b]]" {
		t.Errorf("got %s, want [a b c z] [[a b]]", got)
	}
	v := gonumView{g}
	if v.Node(0) == nil || v.Node(4) != nil || v.Node(-1) != nil {
		t.Errorf("got nodes %v %v %v, want a node, nil, nil", v.Node(0), v.Node(4), v.Node(-1))
	}
	if !v.HasEdgeBetween(0, 1) || !v.HasEdgeBetween(1, 0) || v.HasEdgeBetween(0, 2) || v.HasEdgeBetween(9, 0) {
		t.Error("got wrong HasEdgeBetween, want only a-b")
	}
	if e := v.Edge(1, 0); e == nil || e.From().ID() != 1 || e.To().ID() != 0 {
		t.Errorf("got edge %v, want b-a", e)
	}
	if v.EdgeBetween(2, 3) != nil || v.From(3).Len() != 0 || v.From(0).Len() != 1 {
		t.Error("got an edge or neighbours for isolated nodes, want none")
	}
	if empty := (gonumView{NewGraph(nil, nil)}); empty.Nodes().Len() != 0 {
		t.Error("got nodes in an empty graph, want none")
	}
}
