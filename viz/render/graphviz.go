package render

import (
	"bytes"
	"context"
	"fmt"
	stdhtml "html"
	"strconv"

	"github.com/goccy/go-graphviz"
)

// layouts are the Graphviz layouts kinmap's DOT asks for.
var layouts = map[string]graphviz.Layout{
	"nop2": graphviz.NOP2,
	"dot":  graphviz.DOT,
}

// instance is the worker's Graphviz: the instance, kinmap's PNG engine
// registered in it, and the snapshot of the module's memory (wasmheap.go).
type instance struct {
	gv     *graphviz.Graphviz
	raster *raster
	heap   *wasmHeap // nil if the module's memory could not be snapshot
}

// newGraphviz creates the worker's Graphviz instance with kinmap's own
// PNG engine in place of go-graphviz's, and snapshots the module's memory.
func newGraphviz() (*instance, error) {
	ctx := context.Background()
	ras := newRaster()
	plugins, err := pngPlugins(ctx, ras)
	if err != nil {
		return nil, fmt.Errorf("viz: starting graphviz: %w", err)
	}
	gv, err := graphviz.NewWithPlugins(ctx, plugins...)
	if err != nil {
		return nil, fmt.Errorf("viz: starting graphviz: %w", err)
	}
	in := &instance{gv: gv, raster: ras}
	if h, err := takeHeap(ctx); err == nil {
		in.heap = h
	}
	return in, nil
}

// render renders one graph, then lets the heap restore the module's
// memory if its bound is reached. Only the worker calls it.
func (in *instance) render(dot []byte, f Format) ([]byte, error) {
	out, err := renderOne(in.gv, in.raster, dot, f)
	if in.heap != nil {
		in.heap.rendered()
	}
	return out, err
}

// renderOne parses, lays out and renders one graph. Only the worker calls
// it, always with a background context.
func renderOne(gv *graphviz.Graphviz, ras *raster, dot []byte, f Format) ([]byte, error) {
	ctx := context.Background()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("viz: parsing DOT: %w", err)
	}
	defer g.Close()
	layout, ok := layouts[g.GetStr("layout")]
	if !ok {
		layout = graphviz.DOT
	}
	gv.SetLayout(layout)
	var buf bytes.Buffer
	switch f {
	case SVG:
		if err := gv.Render(ctx, g, graphviz.SVG, &buf); err != nil {
			return nil, fmt.Errorf("viz: rendering SVG: %w", err)
		}
		title := stdhtml.UnescapeString(g.GetStr("kinmap_title"))
		desc := stdhtml.UnescapeString(g.GetStr("kinmap_desc"))
		minText := defaultMinText
		if f, err := strconv.ParseFloat(g.GetStr("kinmap_min_text"), 64); err == nil && f > 0 {
			minText = f
		}
		return sanitiseSVG(buf.Bytes(), title, desc, minText)
	case PNG:
		ras.out = nil
		if err := gv.Render(ctx, g, graphviz.PNG, &buf); err != nil {
			return nil, fmt.Errorf("viz: rendering PNG: %w", err)
		}
		out := ras.out
		ras.out = nil
		if len(out) == 0 {
			return nil, fmt.Errorf("viz: rendering PNG: no page drawn")
		}
		return out, nil
	}
	return nil, fmt.Errorf("viz: unknown format %q", f)
}
