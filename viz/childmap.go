package viz

import (
	"fmt"
	"math"
)

// ChildMapDOT returns the DOT of a child's connection map (an ecomap): the
// child at the centre, people in the child's circles of closeness, grouped
// and coloured by kind, lines styled by the state of the connection, flags
// written on the people they concern, a key, the child's name as the
// audience allows, the as-of date and the generated-on date.
//
// The DOT is complete: positions are computed here, and Graphviz (layout
// nop2) only routes lines and draws. The same input gives the same bytes.
func ChildMapDOT(in Input) ([]byte, error) {
	v, err := childView(in)
	if err != nil {
		return nil, err
	}
	return radialDOT(v), nil
}

// radialDOT draws a connection or review map from its view: the child in
// the middle of the circles, people with no circle recorded in a band
// below, and the key (and findings) beside the drawing when the page is
// wide enough for both, else below it. It lays the map out (planRadial),
// then writes the circles and band, the child, and the people and their
// lines.
func radialDOT(v *mapView) []byte {
	ts := textFor(v.aud)
	pl := planRadial(v, ts)
	w := &dotWriter{}
	// The key and findings, beside or below the drawing.
	key := &column{w: w, id: "k", aud: v.aud, ts: ts}
	key.writeKey(v.legend, keyNotes(v))
	list := &column{w: w, id: "f", aud: v.aud, ts: ts}
	list.writeFindings(v.findings)
	pl.left, _, pl.bottom, _ = placeColumns([]*column{key, list}, pl.left, pl.right, pl.bottom, pl.top, pl.budget)

	w.open("graph", "kinmap")
	header(w, v, ts)
	w.defaults("node", a("fontname", fontName), af("fontsize", ts.detail), a("fontcolor", inkColour),
		a("shape", "box"), a("margin", num(nodeMarginX/72)+","+num(nodeMarginY/72)))
	w.defaults("edge", a("fontname", fontName), af("fontsize", ts.detail))
	writeRings(w, v, pl)
	writeCentre(w, v, pl)
	writePeople(w, v, pl)
	key.flush()
	list.flush()
	w.close()
	return w.bytes()
}

// radialPlan is the layout of a connection map: each person's label,
// node size and place, the circles, the band and the map's bounds.
type radialPlan struct {
	ts                       textStyle
	budget                   float64
	cspans                   []span // the child's label
	dw, dh                   float64
	spans                    [][]span
	nodes                    [][2]float64 // each node's own size
	pos                      []rect
	lay                      radial
	band                     *bandLayout
	bandSpan                 span
	empty                    span // under the child of a map with no one on it
	emptyAt                  rect
	left, right, bottom, top float64
}

// planRadial measures the child and every person, places those with a
// circle on their rings (bestRadial) and the others in the band below.
func planRadial(v *mapView, ts textStyle) *radialPlan {
	pl := &radialPlan{ts: ts, budget: widthBudget(v.aud)}
	pl.cspans = centreSpans(v.child, v.aud, ts)
	cw, ch := labelSize(pl.cspans, ts.detail, 10)
	// The child's node as drawn: on a child's map, an ellipse round the
	// label.
	pl.dw, pl.dh = cw, ch
	if v.aud == Child {
		pl.dw, pl.dh = cw*1.25, ch*1.3
	}
	pl.spans = make([][]span, len(v.people))
	pl.nodes = make([][2]float64, len(v.people))
	foot := make([][2]float64, len(v.people)) // with its outer periphery
	var items []item
	var onRing, inBand []int // indexes into v.people
	for i, p := range v.people {
		pl.spans[i] = personSpans(p, v.aud, ts)
		w, h := labelSize(pl.spans[i], ts.detail, 4)
		// A second periphery is drawn 4 points outside the node's box:
		// the layout keeps room for it.
		outer := 0.0
		if groupStyles[p.group].peripheries > 1 {
			outer = 8
		}
		pl.nodes[i], foot[i] = [2]float64{w, h}, [2]float64{w + outer, h + outer}
		if p.ring >= 1 && p.ring <= numRings {
			items = append(items, item{ring: p.ring, group: p.group, w: w + outer, h: h + outer})
			onRing = append(onRing, i)
		} else {
			inBand = append(inBand, i)
		}
	}
	pl.lay = bestRadial(pl.dw, pl.dh, items, pl.budget, func(ring int) (float64, float64) {
		s := ringSpan(v, ts, ring)
		return textWidth(s.text, pointSize(s.size), false) + 8, pointSize(s.size)*1.2 + 4
	})
	pl.pos = make([]rect, len(v.people))
	for k, i := range onRing {
		pl.pos[i] = pl.lay.pos[k]
	}
	pl.left, pl.right, pl.bottom, pl.top = pl.lay.bounds()

	// The band of people with no circle recorded.
	pl.bandSpan = span{text: v.rings[numRings+1], size: ts.legend, bold: true, color: softInk}
	if len(inBand) > 0 {
		sizes := make([][2]float64, len(inBand))
		for k, i := range inBand {
			sizes[k] = foot[i]
		}
		lw := spansWidth(ts.legend, pl.bandSpan)*widthSlack + 4
		lh := spansHeight(ts.legend, pl.bandSpan) + 2
		bl := layoutBand(sizes, lw, lh, math.Max(pl.budget, pl.right-pl.left), (pl.left+pl.right)/2, pl.bottom-36)
		for k, i := range inBand {
			pl.pos[i] = bl.members[k]
		}
		pl.band = &bl
		b := bl.box
		pl.left, pl.right, pl.bottom = math.Min(pl.left, b.x-b.w/2), math.Max(pl.right, b.x+b.w/2), math.Min(pl.bottom, b.y-b.h/2)
	}
	// A map with no one on it says so under the child.
	pl.empty = span{text: "No connections recorded yet", size: ts.detail, italic: true, color: softInk}
	if v.aud == Child {
		pl.empty.text = "No one added yet"
	}
	pl.emptyAt = rect{0, -pl.dh/2 - 24, spansWidth(ts.detail, pl.empty)*widthSlack + 8, spansHeight(ts.detail, pl.empty) + 4}
	if len(v.people) == 0 {
		pl.bottom = math.Min(pl.bottom, pl.emptyAt.y-pl.emptyAt.h/2)
	}
	return pl
}

// ringSpan is the label of a circle of closeness.
func ringSpan(v *mapView, ts textStyle, ring int) span {
	return span{text: v.rings[ring], size: ts.ring, italic: true, color: softInk}
}

// writeRings writes the circles of closeness, their labels and the band's
// box, first so that everything else is on top. They hang off an
// invisible point at the bottom-left corner of the map: a node inside
// another (the child) or touching one makes Graphviz give up routing
// lines round nodes.
func writeRings(w *dotWriter, v *mapView, pl *radialPlan) {
	w.node("ra", a("shape", "point"), af("width", 0.01), a("style", "invis"), posAttr(pl.left, pl.bottom-12), ah("label", blank))
	for ring := 1; ring <= numRings; ring++ {
		if r := pl.lay.radii[ring]; r > 0 {
			w.edge("ra", "ra", a("pos", ellipsePos(r*pl.lay.sx, r)), a("color", ringColour), a("style", "dashed"), af("penwidth", 1.2))
		}
	}
	bg := "white"
	if v.aud == Child {
		bg = childBackground
	}
	for ring := 1; ring <= numRings; ring++ {
		if r := pl.lay.ringLabel[ring]; r != nil {
			w.node(fmt.Sprintf("rl%d", ring), a("shape", "box"), a("style", "filled"), a("color", bg),
				a("fillcolor", bg), a("margin", "0.02,0.01"), af("width", r.w/72), af("height", r.h/72),
				posAttr(r.x, r.y), ah("label", lines("", ringSpan(v, pl.ts, ring))))
		}
	}
	if pl.band != nil {
		b, l := pl.band.box, pl.band.label
		w.edge("ra", "ra", a("pos", roundedRectPos(b.x, b.y, b.w, b.h, 12)), a("color", greyLine),
			a("style", "dotted"), af("penwidth", 1.5))
		w.node("bl", a("shape", "plaintext"), a("margin", "0"), af("width", l.w/72), af("height", l.h/72),
			posAttr(l.x, l.y), ah("label", textTable([]span{pl.bandSpan}, l.w, l.h)))
	}
}

// writeCentre writes the child's node: a box, or on a child's map an
// ellipse.
func writeCentre(w *dotWriter, v *mapView, pl *radialPlan) {
	centreAttrs := []attr{a("shape", "box"), a("style", "rounded,filled,bold"), a("fillcolor", "white"),
		a("color", inkColour), af("penwidth", 3), af("width", pl.dw/72), af("height", pl.dh/72),
		posAttr(0, 0), ah("label", lines("", pl.cspans...))}
	if v.aud == Child {
		centreAttrs[0] = a("shape", "ellipse")
		centreAttrs[1] = a("style", "filled,bold")
		centreAttrs[2] = a("fillcolor", "#FFF3C4")
	}
	w.node(v.child.node, centreAttrs...)
}

// writePeople writes each person's node and the line from the child
// (through a go-between where the contact goes through one), or the words
// of an empty map.
func writePeople(w *dotWriter, v *mapView, pl *radialPlan) {
	for i, p := range v.people {
		gs := groupStyles[p.group]
		w.node(p.node, a("style", gs.style), a("fillcolor", gs.fill), a("color", gs.border),
			af("penwidth", gs.penwidth), a("peripheries", fmt.Sprint(gs.peripheries)),
			af("width", pl.nodes[i][0]/72), af("height", pl.nodes[i][1]/72), posAttr(pl.pos[i].x, pl.pos[i].y),
			ah("label", lines("", pl.spans[i]...)))
	}
	for _, p := range v.people {
		if drawVia(w, v, p) {
			continue
		}
		w.edge(v.child.node, p.node, lineAttrs(p.line, p.group, v.aud)...)
	}
	if len(v.people) == 0 {
		w.node("e1", a("shape", "plaintext"), posAttr(pl.emptyAt.x, pl.emptyAt.y), ah("label", lines("", pl.empty)))
	}
}

// childBackground is the warm page colour of a child's map.
const childBackground = "#FFFBF0"

// header writes the graph attributes shared by every map: layout, page,
// title and the accessible title and description the renderer puts in
// the SVG.
func header(w *dotWriter, v *mapView, ts textStyle) {
	bg := "white"
	if v.aud == Child {
		bg = childBackground
	}
	w.set(a("layout", "nop2"), a("splines", "true"), a("outputorder", "edgesfirst"),
		a("bgcolor", bg), a("pad", "0.3"), a("fontname", fontName), a("labelloc", "t"), a("labeljust", "l"))
	titleLabel(w, v.title, v.subtitle, ts)
	w.set(ah("kinmap_title", esc(v.a11y)), ah("kinmap_desc", esc(v.desc)), af("kinmap_min_text", minPrintedText(v.aud)))
}

// titleLabel writes the graph's visible title and dates line.
func titleLabel(w *dotWriter, title, subtitle string, ts textStyle) {
	w.set(ah("label", lines("LEFT",
		span{text: shorten(title, 90), size: ts.title, bold: true},
		span{text: subtitle, size: ts.subtitle, color: softInk})))
}

// lineAttrs are the attributes of a line in a state.
func lineAttrs(s lineState, g group, aud Audience) []attr {
	ls := lineStyles[s]
	if aud == Child {
		ls = childLine(s, g)
	}
	out := []attr{a("color", ls.color), a("style", ls.style), af("penwidth", ls.penwidth)}
	if ls.head != "" {
		out = append(out, a("dir", "forward"), a("arrowhead", ls.head), af("arrowsize", 1.1))
	}
	return out
}

// keyNotes are the sentences under the key.
func keyNotes(v *mapView) []string {
	switch v.aud {
	case Child:
		return []string{"The closer the circle, the closer we are."}
	case Family:
		return []string{"Circles: the people closest to " + v.child.name + " are in the middle circle."}
	}
	notes := []string{"Circles are the child's own: closest in the middle, further outside."}
	if len(v.findings) > 0 {
		notes = append(notes, "Numbers in brackets refer to the findings below.")
	}
	return notes
}
