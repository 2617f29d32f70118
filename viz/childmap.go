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
// wide enough for both, else below it.
func radialDOT(v *mapView) []byte {
	ts := textFor(v.aud)
	budget := widthBudget(v.aud)
	cspans := centreSpans(v.child, v.aud, ts)
	cw, ch := labelSize(cspans, ts.detail, 10)
	// The child's node as drawn: on a child's map, an ellipse round the
	// label.
	dw, dh := cw, ch
	if v.aud == Child {
		dw, dh = cw*1.25, ch*1.3
	}
	spans := make([][]span, len(v.people))
	nodes := make([][2]float64, len(v.people)) // each node's own size
	foot := make([][2]float64, len(v.people))  // with its outer periphery
	var items []item
	var onRing, inBand []int // indexes into v.people
	for i, p := range v.people {
		spans[i] = personSpans(p, v.aud, ts)
		w, h := labelSize(spans[i], ts.detail, 4)
		// A second periphery is drawn 4 points outside the node's box:
		// the layout keeps room for it.
		outer := 0.0
		if groupStyles[p.group].peripheries > 1 {
			outer = 8
		}
		nodes[i], foot[i] = [2]float64{w, h}, [2]float64{w + outer, h + outer}
		if p.ring >= 1 && p.ring <= numRings {
			items = append(items, item{ring: p.ring, group: p.group, w: w + outer, h: h + outer})
			onRing = append(onRing, i)
		} else {
			inBand = append(inBand, i)
		}
	}
	ringSpan := func(ring int) span {
		return span{text: v.rings[ring], size: ts.ring, italic: true, color: softInk}
	}
	lay := bestRadial(dw, dh, items, budget, func(ring int) (float64, float64) {
		s := ringSpan(ring)
		return textWidth(s.text, pointSize(s.size), false) + 8, pointSize(s.size)*1.2 + 4
	})
	pos := make([]rect, len(v.people))
	for k, i := range onRing {
		pos[i] = lay.pos[k]
	}
	left, right, bottom, top := lay.bounds()

	// The band of people with no circle recorded.
	var band *bandLayout
	bandSpan := span{text: v.rings[numRings+1], size: ts.legend, bold: true, color: softInk}
	if len(inBand) > 0 {
		sizes := make([][2]float64, len(inBand))
		for k, i := range inBand {
			sizes[k] = foot[i]
		}
		lw := spansWidth(ts.legend, bandSpan)*widthSlack + 4
		lh := spansHeight(ts.legend, bandSpan) + 2
		bl := layoutBand(sizes, lw, lh, math.Max(budget, right-left), (left+right)/2, bottom-36)
		for k, i := range inBand {
			pos[i] = bl.members[k]
		}
		band = &bl
		b := bl.box
		left, right, bottom = math.Min(left, b.x-b.w/2), math.Max(right, b.x+b.w/2), math.Min(bottom, b.y-b.h/2)
	}
	// A map with no one on it says so under the child.
	empty := span{text: "No connections recorded yet", size: ts.detail, italic: true, color: softInk}
	if v.aud == Child {
		empty.text = "No one added yet"
	}
	emptyAt := rect{0, -dh/2 - 24, spansWidth(ts.detail, empty)*widthSlack + 8, spansHeight(ts.detail, empty) + 4}
	if len(v.people) == 0 {
		bottom = math.Min(bottom, emptyAt.y-emptyAt.h/2)
	}

	w := &dotWriter{}
	// The key and findings, beside or below the drawing.
	key := &column{w: w, id: "k", aud: v.aud, ts: ts}
	key.writeKey(v.legend, keyNotes(v))
	list := &column{w: w, id: "f", aud: v.aud, ts: ts}
	list.writeFindings(v.findings)
	left, _, bottom, _ = placeColumns([]*column{key, list}, left, right, bottom, top, budget)

	w.open("graph", "kinmap")
	header(w, v, ts)
	w.defaults("node", a("fontname", fontName), af("fontsize", ts.detail), a("fontcolor", inkColour),
		a("shape", "box"), a("margin", num(nodeMarginX/72)+","+num(nodeMarginY/72)))
	w.defaults("edge", a("fontname", fontName), af("fontsize", ts.detail))

	// Circles of closeness and the band's box, drawn first so that
	// everything else is on top. They hang off an invisible point at the
	// bottom-left corner of the map: a node inside another (the child)
	// or touching one makes Graphviz give up routing lines round nodes.
	w.node("ra", a("shape", "point"), af("width", 0.01), a("style", "invis"), posAttr(left, bottom-12), ah("label", blank))
	for ring := 1; ring <= numRings; ring++ {
		if r := lay.radii[ring]; r > 0 {
			w.edge("ra", "ra", a("pos", ellipsePos(r*lay.sx, r)), a("color", ringColour), a("style", "dashed"), af("penwidth", 1.2))
		}
	}
	bg := "white"
	if v.aud == Child {
		bg = childBackground
	}
	for ring := 1; ring <= numRings; ring++ {
		if r := lay.ringLabel[ring]; r != nil {
			w.node(fmt.Sprintf("rl%d", ring), a("shape", "box"), a("style", "filled"), a("color", bg),
				a("fillcolor", bg), a("margin", "0.02,0.01"), af("width", r.w/72), af("height", r.h/72),
				posAttr(r.x, r.y), ah("label", lines("", ringSpan(ring))))
		}
	}
	if band != nil {
		b, l := band.box, band.label
		w.edge("ra", "ra", a("pos", roundedRectPos(b.x, b.y, b.w, b.h, 12)), a("color", greyLine),
			a("style", "dotted"), af("penwidth", 1.5))
		w.node("bl", a("shape", "plaintext"), a("margin", "0"), af("width", l.w/72), af("height", l.h/72),
			posAttr(l.x, l.y), ah("label", textTable([]span{bandSpan}, l.w, l.h)))
	}

	// The child.
	centreAttrs := []attr{a("shape", "box"), a("style", "rounded,filled,bold"), a("fillcolor", "white"),
		a("color", inkColour), af("penwidth", 3), af("width", dw/72), af("height", dh/72),
		posAttr(0, 0), ah("label", lines("", cspans...))}
	if v.aud == Child {
		centreAttrs[0] = a("shape", "ellipse")
		centreAttrs[1] = a("style", "filled,bold")
		centreAttrs[2] = a("fillcolor", "#FFF3C4")
	}
	w.node(v.child.node, centreAttrs...)

	// The people and their lines.
	for i, p := range v.people {
		gs := groupStyles[p.group]
		w.node(p.node, a("style", gs.style), a("fillcolor", gs.fill), a("color", gs.border),
			af("penwidth", gs.penwidth), a("peripheries", fmt.Sprint(gs.peripheries)),
			af("width", nodes[i][0]/72), af("height", nodes[i][1]/72), posAttr(pos[i].x, pos[i].y),
			ah("label", lines("", spans[i]...)))
	}
	for _, p := range v.people {
		if drawVia(w, v, p) {
			continue
		}
		w.edge(v.child.node, p.node, lineAttrs(p.line, p.group, v.aud)...)
	}
	if len(v.people) == 0 {
		w.node("e1", a("shape", "plaintext"), posAttr(emptyAt.x, emptyAt.y), ah("label", lines("", empty)))
	}
	key.flush()
	list.flush()
	w.close()
	return w.bytes()
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
