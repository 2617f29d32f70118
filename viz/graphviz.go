package viz

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

// newGraphviz creates the worker's Graphviz instance with kinmap's own
// PNG engine in place of go-graphviz's.
func newGraphviz() (*graphviz.Graphviz, error) {
	ctx := context.Background()
	plugins, err := pngPlugins(ctx)
	if err != nil {
		return nil, fmt.Errorf("viz: starting graphviz: %w", err)
	}
	gv, err := graphviz.NewWithPlugins(ctx, plugins...)
	if err != nil {
		return nil, fmt.Errorf("viz: starting graphviz: %w", err)
	}
	return gv, nil
}

// renderOne parses, lays out and renders one graph. Only the worker calls
// it, always with a background context.
func renderOne(gv *graphviz.Graphviz, dot []byte, f Format) ([]byte, error) {
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
		if err := gv.Render(ctx, g, graphviz.PNG, &buf); err != nil {
			return nil, fmt.Errorf("viz: rendering PNG: %w", err)
		}
		return bytes.Clone(buf.Bytes()), nil
	}
	return nil, fmt.Errorf("viz: unknown format %q", f)
}
