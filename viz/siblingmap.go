package viz

import (
	"fmt"
	"math"

	"github.com/kinmap/kinmap/graph/analysis"
)

// SiblingGroupDOT returns the DOT of a sibling-group map: every member of
// the group, in boxes for the homes they live in on the date, so that a
// reviewing officer sees at a glance who lives together and who is apart,
// with the contact between them on the lines (numbered lines between
// homes are described in the key). in.Child (or in.Network.Child) is the
// child whose plan the map is for; in.Flags are that child's flags. The
// group usually comes from analysis.SiblingGroupOf(in.Network, child).
func SiblingGroupDOT(in Input, group analysis.SiblingGroup) ([]byte, error) {
	v, err := siblingGroupView(in, group)
	if err != nil {
		return nil, err
	}
	return siblingDOT(v), nil
}

// Home boxes: members in rows of up to three, the home's name above.
const (
	homePad    = 14.0 // inside a home's box
	homeGapX   = 22.0 // between members in a home
	homeGapY   = 18.0
	homeMargin = 70.0 // between homes, room for lines and their numbers
	perRow     = 3
)

// homeBox is a home's computed box and its members' places.
type homeBox struct {
	w, h     float64 // box size
	labelW   float64
	labelH   float64
	members  []rect // relative to the box centre
	x, y     float64
	labelPos rect
}

func layoutHome(h homeView, sizes [][2]float64, ts textStyle) homeBox {
	var hb homeBox
	spans := homeSpans(h, ts)
	hb.labelW = spansWidth(ts.detail, spans...)*widthSlack + 4
	hb.labelH = spansHeight(ts.detail, spans...) + 2
	// rows
	var rowsW, rowsH []float64
	for i := 0; i < len(sizes); i += perRow {
		w, hh := 0.0, 0.0
		for j := i; j < min(i+perRow, len(sizes)); j++ {
			if j > i {
				w += homeGapX
			}
			w += sizes[j][0]
			hh = max(hh, sizes[j][1])
		}
		rowsW, rowsH = append(rowsW, w), append(rowsH, hh)
	}
	inner := 0.0
	contentH := 0.0
	for i := range rowsW {
		inner = max(inner, rowsW[i])
		if i > 0 {
			contentH += homeGapY
		}
		contentH += rowsH[i]
	}
	hb.w = max(inner, hb.labelW) + 2*homePad
	hb.h = hb.labelH + 18 + contentH + 2*homePad
	top := hb.h/2 - homePad
	hb.labelPos = rect{-hb.w/2 + homePad + hb.labelW/2, top - hb.labelH/2, hb.labelW, hb.labelH}
	y := top - hb.labelH - 18
	for r := range rowsW {
		x := -rowsW[r] / 2
		for j := r * perRow; j < min((r+1)*perRow, len(sizes)); j++ {
			hb.members = append(hb.members, rect{x + sizes[j][0]/2, y - rowsH[r]/2, sizes[j][0], sizes[j][1]})
			x += sizes[j][0] + homeGapX
		}
		y -= rowsH[r] + homeGapY
	}
	return hb
}

func homeSpans(h homeView, ts textStyle) []span {
	var spans []span
	for i, l := range h.label {
		s := span{text: l, size: ts.detail * 1.05, color: softInk}
		if i == 0 {
			s = span{text: l, size: ts.detail * 1.2, bold: true}
		}
		spans = append(spans, wrapped(s, 36, 2)...)
	}
	return spans
}

// placeHomes puts the homes round an ellipse, the first at the top, the
// rest clockwise, spread until no two boxes come within homeMargin: the
// widest ellipse that keeps the homes within the width budget (or the
// narrowest, when none does).
func placeHomes(boxes []homeBox, budget float64) {
	switch len(boxes) {
	case 0:
		return
	case 1:
		return
	case 2:
		d := (boxes[0].w+boxes[1].w)/2 + homeMargin*1.6
		if d+(boxes[0].w+boxes[1].w)/2 > budget {
			// one above the other
			d = (boxes[0].h+boxes[1].h)/2 + homeMargin*1.2
			boxes[0].y, boxes[1].y = d/2, -d/2
			return
		}
		boxes[0].x, boxes[1].x = -d/2, d/2
		return
	}
	for _, aspect := range []float64{1.5, 1.2, 1, 0.8, 0.6} {
		placeHomesRound(boxes, aspect)
		left, right := math.Inf(1), math.Inf(-1)
		for _, b := range boxes {
			left, right = math.Min(left, b.x-b.w/2), math.Max(right, b.x+b.w/2)
		}
		if right-left <= budget {
			return
		}
	}
}

// placeHomesRound puts the homes round an ellipse of the given width over
// height.
func placeHomesRound(boxes []homeBox, aspect float64) {
	n := len(boxes)
	for r := 60.0; r < 8000; r += 8 {
		for i := range boxes {
			a := math.Pi/2 - 2*math.Pi*float64(i)/float64(n)
			boxes[i].x, boxes[i].y = aspect*r*math.Cos(a), r*math.Sin(a)
		}
		ok := true
		for i := 0; i < n && ok; i++ {
			for j := i + 1; j < n; j++ {
				bi := rect{boxes[i].x, boxes[i].y, boxes[i].w, boxes[i].h}
				bj := rect{boxes[j].x, boxes[j].y, boxes[j].w, boxes[j].h}
				if bi.overlaps(bj, homeMargin, homeMargin) {
					ok = false
					break
				}
			}
		}
		if ok {
			return
		}
	}
}

// roundedRectPos is the "pos" of an edge drawn as a rounded rectangle.
func roundedRectPos(cx, cy, w, h, rad float64) string {
	x0, x1, y0, y1 := cx-w/2, cx+w/2, cy-h/2, cy+h/2
	k := 0.5523 * rad
	line := func(ax, ay, bx, by float64) [][2]float64 {
		return [][2]float64{{ax + (bx-ax)/3, ay + (by-ay)/3}, {ax + 2*(bx-ax)/3, ay + 2*(by-ay)/3}, {bx, by}}
	}
	pts := [][2]float64{{x0 + rad, y1}}
	pts = append(pts, line(x0+rad, y1, x1-rad, y1)...)
	pts = append(pts, [2]float64{x1 - rad + k, y1}, [2]float64{x1, y1 - rad + k}, [2]float64{x1, y1 - rad})
	pts = append(pts, line(x1, y1-rad, x1, y0+rad)...)
	pts = append(pts, [2]float64{x1, y0 + rad - k}, [2]float64{x1 - rad + k, y0}, [2]float64{x1 - rad, y0})
	pts = append(pts, line(x1-rad, y0, x0+rad, y0)...)
	pts = append(pts, [2]float64{x0 + rad - k, y0}, [2]float64{x0, y0 + rad - k}, [2]float64{x0, y0 + rad})
	pts = append(pts, line(x0, y0+rad, x0, y1-rad)...)
	pts = append(pts, [2]float64{x0, y1 - rad + k}, [2]float64{x0 + rad - k, y1}, [2]float64{x0 + rad, y1})
	return pointsPos(pts)
}

func siblingDOT(v *siblingView) []byte {
	ts := textFor(v.aud)
	// Sizes and places.
	spans := map[string][]span{}
	boxes := make([]homeBox, len(v.homes))
	for i, h := range v.homes {
		var sizes [][2]float64
		for _, m := range h.members {
			sp := memberSpans(m, v.aud, ts)
			spans[m.node] = sp
			extra := 4.0
			if m.focus {
				extra += 4
			}
			w, hh := labelSize(sp, ts.detail, extra)
			sizes = append(sizes, [2]float64{w, hh})
		}
		boxes[i] = layoutHome(h, sizes, ts)
	}
	budget := widthBudget(v.aud)
	placeHomes(boxes, budget)

	w := &dotWriter{}
	// The key, the lines between homes and the findings, beside or below
	// the homes.
	left, right, bottom, top := 0.0, 0.0, 0.0, 0.0
	for i, b := range boxes {
		if i == 0 {
			left, right, bottom, top = b.x, b.x, b.y, b.y
		}
		left, right = math.Min(left, b.x-b.w/2), math.Max(right, b.x+b.w/2)
		bottom, top = math.Min(bottom, b.y-b.h/2), math.Max(top, b.y+b.h/2)
	}
	var notes []string
	if v.aud == Child {
		notes = []string{"Each box is a home."}
	} else {
		notes = []string{"Each box is a home on the date; green boxes are care placements."}
		if len(v.pairs) > 0 {
			notes = append(notes, "Numbered lines are described below.")
		}
	}
	key := &column{w: w, id: "k", aud: v.aud, ts: ts}
	key.writeKey(v.legend, notes)
	pairs := &column{w: w, id: "p", aud: v.aud, ts: ts}
	pairs.writeList("Between homes", v.pairs)
	findings := &column{w: w, id: "f", aud: v.aud, ts: ts}
	findings.writeFindings(v.findings)
	placeColumns([]*column{key, pairs, findings}, left, right, bottom, top, budget)

	w.open("graph", "kinmap")
	mv := &mapView{aud: v.aud, title: v.title, subtitle: v.subtitle, a11y: v.a11y, desc: v.desc}
	header(w, mv, ts)
	gs := groupStyles[groupSiblings]
	w.defaults("node", a("fontname", fontName), af("fontsize", ts.detail), a("fontcolor", inkColour),
		a("shape", "box"), a("margin", num(nodeMarginX/72)+","+num(nodeMarginY/72)))
	w.defaults("edge", a("fontname", fontName), af("fontsize", ts.detail), a("fontcolor", inkColour))

	for i, h := range v.homes {
		b := boxes[i]
		colour := "#8C8C8C"
		if h.care {
			colour = okGreen
		}
		anchor := fmt.Sprintf("h%d", i+1)
		w.node(anchor, a("shape", "point"), af("width", 0.01), a("style", "invis"),
			posAttr(b.x-b.w/2, b.y+b.h/2), ah("label", blank))
		w.edge(anchor, anchor, a("pos", roundedRectPos(b.x, b.y, b.w, b.h, 12)), a("color", colour),
			af("penwidth", 2), a("style", "solid"))
		lp := b.labelPos
		w.node(fmt.Sprintf("hl%d", i+1), a("shape", "plaintext"), a("margin", "0"), af("width", lp.w/72),
			af("height", lp.h/72), posAttr(b.x+lp.x, b.y+lp.y), ah("label", textTable(homeSpans(h, ts), lp.w, lp.h)))
		for j, m := range h.members {
			mr := b.members[j]
			attrs := []attr{a("style", gs.style), a("fillcolor", gs.fill), a("color", gs.border),
				af("penwidth", gs.penwidth), af("width", mr.w/72), af("height", mr.h/72),
				posAttr(b.x+mr.x, b.y+mr.y), ah("label", lines("", spans[m.node]...))}
			if m.focus {
				attrs[2] = a("color", inkColour)
				attrs[3] = af("penwidth", 4)
			}
			w.node(m.node, attrs...)
		}
	}
	for _, l := range v.links {
		attrs := lineAttrs(l.line, l.group, v.aud)
		if l.number > 0 {
			attrs = append(attrs, ah("label", lines("", span{text: fmt.Sprint(l.number), size: ts.detail * 1.1, bold: true})))
		}
		w.edge(l.from, l.to, attrs...)
	}
	key.flush()
	pairs.flush()
	findings.flush()
	w.close()
	return w.bytes()
}

// memberSpans are the lines of a member of a sibling group.
func memberSpans(m personView, aud Audience, ts textStyle) []span {
	out := wrapped(span{text: m.name, size: ts.name, bold: true}, 28, 2)
	info := m.roles
	if m.age != "" {
		if info != "" {
			info += " · "
		}
		info += m.age
	}
	if info != "" {
		out = append(out, span{text: info, size: ts.detail})
	}
	if m.words != "" {
		width := 30
		if aud == Child {
			width = 24
		}
		out = append(out, wrapped(span{text: "“" + m.words + "”", size: ts.words, italic: true}, width, 3)...)
	}
	for _, c := range m.contact {
		out = append(out, span{text: c, size: ts.detail, italic: true, color: softInk})
	}
	for _, b := range m.badges {
		out = append(out, wrapped(span{text: b.text, size: ts.detail, bold: true, color: severityColour(b.severity)}, 30, 2)...)
	}
	return out
}
