package viz

import "math"

// People with no circle recorded are not put on an outer circle, where
// they would read as the least close: they are drawn in a band of their
// own below the circles, headed with what it means ("Circle not yet
// recorded", for a child "Still to talk about"), in rows, in the order
// of the map (by group).

const (
	bandPad  = 14.0 // inside the band's box
	bandGapX = 22.0 // between people in a row
	bandGapY = 18.0 // between rows
)

// bandLayout is the band's box and its people's places.
type bandLayout struct {
	box     rect   // the band's outline
	label   rect   // its heading
	members []rect // per person, in order
}

// layoutBand places people of the given sizes in rows no wider than
// maxW (at least one person a row), under a heading of size lw x lh,
// the band centred on cx with its top edge at top.
func layoutBand(sizes [][2]float64, lw, lh, maxW, cx, top float64) bandLayout {
	var rows [][]int
	var rowW, rowH []float64
	inner := maxW - 2*bandPad
	for i, s := range sizes {
		n := len(rows) - 1
		if n < 0 || rowW[n]+bandGapX+s[0] > inner {
			rows, rowW, rowH = append(rows, []int{i}), append(rowW, s[0]), append(rowH, s[1])
			continue
		}
		rows[n] = append(rows[n], i)
		rowW[n] += bandGapX + s[0]
		rowH[n] = math.Max(rowH[n], s[1])
	}
	w := lw
	h := lh + bandGapY
	for i := range rows {
		w = math.Max(w, rowW[i])
		h += rowH[i]
		if i > 0 {
			h += bandGapY
		}
	}
	w += 2 * bandPad
	h += 2 * bandPad
	out := bandLayout{box: rect{cx, top - h/2, w, h}, members: make([]rect, len(sizes))}
	left := cx - w/2
	out.label = rect{left + bandPad + lw/2, top - bandPad - lh/2, lw, lh}
	y := top - bandPad - lh - bandGapY
	for r, row := range rows {
		x := cx - rowW[r]/2
		for _, i := range row {
			out.members[i] = rect{x + sizes[i][0]/2, y - rowH[r]/2, sizes[i][0], sizes[i][1]}
			x += sizes[i][0] + bandGapX
		}
		y -= rowH[r] + bandGapY
	}
	return out
}
