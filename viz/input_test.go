package viz

import (
	"bytes"
	"errors"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// TestDOTDeterministic: the same input gives the same DOT (viz/render's
// TestRenderDeterministic: the same DOT gives the same SVG and PNG).
func TestDOTDeterministic(t *testing.T) {
	in := Input{Network: syntheticNetwork(6), Audience: Professional, Generated: graph.MustDate("2026-11-02")}
	d1, err := ChildMapDOT(in)
	if err != nil {
		t.Fatal(err)
	}
	d2, _ := ChildMapDOT(in)
	if !bytes.Equal(d1, d2) {
		t.Fatalf("DOT differs between two builds: %s", firstDiff(d1, d2))
	}
}

// TestInputErrors checks the errors of bad inputs.
func TestInputErrors(t *testing.T) {
	n := syntheticNetwork(3)
	gen := graph.MustDate("2026-11-02")
	cases := map[string]Input{
		"no network":    {Audience: Professional, Generated: gen},
		"no audience":   {Network: n, Generated: gen},
		"no generated":  {Network: n, Audience: Family},
		"no child":      {Network: &graph.Network{AsOf: n.AsOf}, Audience: Child, Generated: gen},
		"unknown child": {Network: n, Audience: Child, Generated: gen, Child: "nobody"},
	}
	for name, in := range cases {
		if _, err := ChildMapDOT(in); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("%s: got %v, want an error wrapping graph.ErrInvalid", name, err)
		}
	}
	in := Input{Network: n, Audience: Professional, Generated: gen}
	if _, err := ReviewDOT(in, nil, nil); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("review without before: got %v, want graph.ErrInvalid", err)
	}
}
