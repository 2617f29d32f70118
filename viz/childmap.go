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

// radialDOT draws a connection or review map from its view.
func radialDOT(v *mapView) []byte {
	ts := textFor(v.aud)
	cspans := centreSpans(v.child, v.aud, ts)
	cw, ch := labelSize(cspans, ts.detail, 10)
	items := make([]item, len(v.people))
	spans := make([][]span, len(v.people))
	for i, p := range v.people {
		spans[i] = personSpans(p, v.aud, ts)
		w, h := labelSize(spans[i], ts.detail, 4)
		// A second periphery is drawn 4 points outside the node's box:
		// the layout keeps room for it.
		outer := 0.0
		if groupStyles[p.group].peripheries > 1 {
			outer = 8
		}
		items[i] = item{ring: p.ring, group: p.group, w: w + outer, h: h + outer, nodeW: w, nodeH: h}
	}
	ringSpan := func(ring int) span {
		return span{text: v.rings[ring], size: ts.ring, italic: true, color: softInk}
	}
	lay := layoutRadial(cw, ch, items, func(ring int) (float64, float64) {
		s := ringSpan(ring)
		return textWidth(s.text, s.size, false) + 8, s.size*1.2 + 4
	})

	w := &dotWriter{}
	w.open("graph", "kinmap")
	header(w, v, ts)
	w.defaults("node", a("fontname", fontName), af("fontsize", ts.detail), a("fontcolor", inkColour),
		a("shape", "box"), a("margin", num(nodeMarginX/72)+","+num(nodeMarginY/72)))
	w.defaults("edge", a("fontname", fontName), af("fontsize", ts.detail))

	// Circles of closeness, drawn first so everything else is on top. The
	// circles hang off an invisible point at the bottom-left corner of
	// the map: a node inside another (the child) or touching one makes
	// Graphviz give up routing lines round nodes.
	left, bottom := -cw/2, -ch/2
	for ring := 1; ring <= 4; ring++ {
		left, bottom = math.Min(left, -lay.radii[ring]), math.Min(bottom, -lay.radii[ring])
	}
	for _, r := range lay.pos {
		left, bottom = math.Min(left, r.x-r.w/2), math.Min(bottom, r.y-r.h/2)
	}
	w.node("ra", a("shape", "point"), af("width", 0.01), a("style", "invis"), posAttr(left-12, bottom-12), ah("label", blank))
	for ring := 1; ring <= 4; ring++ {
		if lay.radii[ring] == 0 {
			continue
		}
		style := "dashed"
		if ring == 4 {
			style = "dotted"
		}
		w.edge("ra", "ra", a("pos", circlePos(lay.radii[ring])), a("color", ringColour), a("style", style), af("penwidth", 1.2))
	}
	for ring := 1; ring <= 4; ring++ {
		if r := lay.ringLabel[ring]; r != nil {
			bg := "white"
			if v.aud == Child {
				bg = childBackground
			}
			w.node(fmt.Sprintf("rl%d", ring), a("shape", "box"), a("style", "filled"), a("color", bg),
				a("fillcolor", bg), a("margin", "0.02,0.01"), af("width", r.w/72), af("height", r.h/72),
				posAttr(r.x, r.y), ah("label", lines("", ringSpan(ring))))
		}
	}

	// The child.
	centreAttrs := []attr{a("shape", "box"), a("style", "rounded,filled,bold"), a("fillcolor", "white"),
		a("color", inkColour), af("penwidth", 3), af("width", cw/72), af("height", ch/72),
		posAttr(0, 0), ah("label", lines("", cspans...))}
	if v.aud == Child {
		centreAttrs[0] = a("shape", "ellipse")
		centreAttrs[1] = a("style", "filled,bold")
		centreAttrs[2] = a("fillcolor", "#FFF3C4")
		centreAttrs[5] = af("width", cw*1.25/72)
		centreAttrs[6] = af("height", ch*1.3/72)
	}
	w.node(v.child.node, centreAttrs...)

	// The people and their lines.
	for i, p := range v.people {
		gs := groupStyles[p.group]
		pos := lay.pos[i]
		w.node(p.node, a("style", gs.style), a("fillcolor", gs.fill), a("color", gs.border),
			af("penwidth", gs.penwidth), a("peripheries", fmt.Sprint(gs.peripheries)),
			af("width", items[i].nodeW/72), af("height", items[i].nodeH/72), posAttr(pos.x, pos.y),
			ah("label", lines("", spans[i]...)))
	}
	for _, p := range v.people {
		w.edge(v.child.node, p.node, lineAttrs(p.line, p.group, v.aud)...)
	}
	if len(v.people) == 0 {
		msg := "No connections recorded yet"
		if v.aud == Child {
			msg = "No one added yet"
		}
		s := span{text: msg, size: ts.detail, italic: true, color: softInk}
		w.node("e1", a("shape", "plaintext"), posAttr(0, -ch/2-24), ah("label", lines("", s)))
	}

	// The key (and findings) in a column to the right of the map.
	right, top := 0.0, ch/2
	for ring := 1; ring <= 4; ring++ {
		right = math.Max(right, lay.radii[ring])
		top = math.Max(top, lay.radii[ring])
	}
	for _, r := range lay.pos {
		right = math.Max(right, r.x+r.w/2)
		top = math.Max(top, r.y+r.h/2)
	}
	right = math.Max(right, cw/2)
	col := &column{w: w, aud: v.aud, ts: ts, x: right + 60, y: top}
	col.writeKey(v.legend, keyNotes(v))
	col.writeFindings(v.findings)
	col.flush()
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
	w.set(ah("kinmap_title", esc(v.a11y)), ah("kinmap_desc", esc(v.desc)))
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
