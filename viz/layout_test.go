package viz

import (
	"context"
	"regexp"
	"strconv"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

var (
	reNodeGroup = regexp.MustCompile(`(?s)<g id="node\d+" class="node">(.*?)</g>`)
	reCoords    = regexp.MustCompile(`(?:points|d)="([^"]*)"`)
	rePair      = regexp.MustCompile(`(-?[\d.]+),(-?[\d.]+)`)
	reEllipse   = regexp.MustCompile(`<ellipse[^>]*cx="([-\d.]+)" cy="([-\d.]+)" rx="([\d.]+)" ry="([\d.]+)"`)
)

type svgBox struct{ x0, x1, y0, y1 float64 }

// nodeBoxes returns the drawn box of every node in a Graphviz SVG.
func nodeBoxes(svg []byte) []svgBox {
	var out []svgBox
	for _, g := range reNodeGroup.FindAllSubmatch(svg, -1) {
		b := svgBox{1e9, -1e9, 1e9, -1e9}
		grow := func(x, y float64) {
			b.x0, b.x1, b.y0, b.y1 = min(b.x0, x), max(b.x1, x), min(b.y0, y), max(b.y1, y)
		}
		for _, c := range reCoords.FindAllSubmatch(g[1], -1) {
			for _, p := range rePair.FindAllSubmatch(c[1], -1) {
				x, _ := strconv.ParseFloat(string(p[1]), 64)
				y, _ := strconv.ParseFloat(string(p[2]), 64)
				grow(x, y)
			}
		}
		for _, e := range reEllipse.FindAllSubmatch(g[1], -1) {
			var v [4]float64
			for i := range v {
				v[i], _ = strconv.ParseFloat(string(e[i+1]), 64)
			}
			grow(v[0]-v[2], v[1]-v[3])
			grow(v[0]+v[2], v[1]+v[3])
		}
		if b.x0 <= b.x1 {
			out = append(out, b)
		}
	}
	return out
}

// checkLayout fails when two nodes come within 7 points of each other:
// Graphviz then stops routing lines round nodes, and lines cross people.
func checkLayout(t *testing.T, what string, svg []byte) {
	t.Helper()
	boxes := nodeBoxes(svg)
	const gap = 7
	for i := range boxes {
		for j := i + 1; j < len(boxes); j++ {
			a, b := boxes[i], boxes[j]
			if a.x0-gap < b.x1 && b.x0-gap < a.x1 && a.y0-gap < b.y1 && b.y0-gap < a.y1 {
				t.Errorf("%s: nodes %d and %d overlap or touch: %v and %v", what, i, j, a, b)
				return
			}
		}
	}
}

// TestLayoutNoOverlap renders every map of every looked-after child of
// every family for every audience, the 40-connection map and an empty
// one, and checks that no two nodes touch.
func TestLayoutNoOverlap(t *testing.T) {
	for _, m := range allFixtureMaps(t) {
		checkLayout(t, m.String(), m.svg)
	}
	r := NewRenderer()
	defer r.Close()
	render := func(what string, dot []byte) {
		svg, err := r.Render(context.Background(), dot, SVG)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		checkLayout(t, what, svg)
	}
	for _, aud := range Audiences {
		in := input40()
		in.Audience = aud
		dot, err := ChildMapDOT(in)
		if err != nil {
			t.Fatal(err)
		}
		render("synthetic 40 "+string(aud), dot)
	}
	in := Input{Network: syntheticNetwork(0), Audience: Child, Generated: graph.MustDate("2026-11-02")}
	dot, err := ChildMapDOT(in)
	if err != nil {
		t.Fatal(err)
	}
	render("no connections", dot)
}

// TestEveryCircleLabelled checks that every circle of closeness drawn on
// a connection or review map of every looked-after child carries its
// name.
func TestEveryCircleLabelled(t *testing.T) {
	reCircle := regexp.MustCompile(`(?m)^\s*ra -- ra \[pos="[^"]*", color="` + ringColour + `", style="dashed"`)
	reLabel := regexp.MustCompile(`(?m)^\s*rl\d `)
	for _, m := range allFixtureMaps(t) {
		if m.kind == "siblings" {
			continue
		}
		circles, labels := len(reCircle.FindAll(m.dot, -1)), len(reLabel.FindAll(m.dot, -1))
		if circles != labels {
			t.Errorf("%s: %d circles and %d circle names, want a name on every circle", m, circles, labels)
		}
	}
}
