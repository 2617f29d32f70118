// Command crosscheck exports synthetic connection graphs together with
// kinmap's own results on them (connected components, articulation points,
// betweenness), for crosscheck.py to compare with networkx. run.sh runs
// both; `make crosscheck` calls run.sh.
//
// The graphs are a generated authority (fixtures.Generate) turned into a
// connection network by analysis.ConnectionGraph, exactly as the flags see
// it, plus random graphs with repeated edges, self-pairs, cycles and
// isolated nodes. Everything is synthetic.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// export is one graph and kinmap's results on it.
type export struct {
	Name               string             `json:"name"`
	Nodes              []graph.ID         `json:"nodes"`
	Edges              [][2]graph.ID      `json:"edges"`
	Components         [][]graph.ID       `json:"components"`
	ArticulationPoints []graph.ID         `json:"articulation_points"`
	Betweenness        map[string]float64 `json:"betweenness"` // unnormalised, each unordered pair once
}

func main() {
	out := flag.String("out", ".data/crosscheck/graphs.json", "where to write the export")
	children := flag.Int("children", 300, "looked-after children in the generated authority")
	seed := flag.Uint64("seed", 1, "seed for the generator and the random graphs")
	random := flag.Int("random", 40, "random graphs to add")
	flag.Parse()
	if err := run(*out, *children, *seed, *random); err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck:", err)
		os.Exit(1)
	}
}

func run(out string, children int, seed uint64, random int) error {
	var graphs []export
	doc := fixtures.Generate(fixtures.GenConfig{Seed: seed, Children: children})
	authority := &graph.Network{AsOf: fixtures.DefaultAsOf, Records: doc.Records}
	graphs = append(graphs, exportGraph(fmt.Sprintf("authority-%d-seed-%d", children, seed), analysis.ConnectionGraph(authority)))
	// The same authority two years earlier: other relationships count.
	earlier := &graph.Network{AsOf: fixtures.DefaultAsOf.AddDays(-730), Records: doc.Records}
	graphs = append(graphs, exportGraph("authority-two-years-earlier", analysis.ConnectionGraph(earlier)))

	r := rand.New(rand.NewPCG(seed, 0x63726f7373))
	for i := range random {
		n := 1 + r.IntN(40)
		nodes := make([]graph.ID, n)
		for j := range nodes {
			nodes[j] = fmt.Sprintf("n%02d", j)
		}
		edges := make([][2]graph.ID, r.IntN(2*n+2))
		for j := range edges {
			edges[j] = [2]graph.ID{nodes[r.IntN(n)], nodes[r.IntN(n)]}
		}
		// networkx gets the edges as drawn, repeats and self-pairs
		// included: kinmap must reach the same results.
		e := exportGraph(fmt.Sprintf("random-%02d", i), analysis.NewGraph(nodes, edges))
		e.Edges = append([][2]graph.ID{}, edges...)
		graphs = append(graphs, e)
	}
	b, err := json.MarshalIndent(graphs, "", " ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}

func exportGraph(name string, g *analysis.Graph) export {
	e := export{Name: name, Nodes: g.Nodes(), Edges: g.Edges(), Components: analysis.Components(g),
		ArticulationPoints: analysis.ArticulationPoints(g), Betweenness: analysis.Betweenness(g)}
	if e.Edges == nil {
		e.Edges = [][2]graph.ID{}
	}
	if e.ArticulationPoints == nil {
		e.ArticulationPoints = []graph.ID{}
	}
	return e
}
