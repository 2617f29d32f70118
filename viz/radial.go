package viz

import (
	"math"
	"slices"
)

// The radial layout is computed here rather than by twopi, so that the
// child's three circles of closeness are real circles (or, where that
// keeps a map within the page, slightly oval ones), people of one kind
// sit together in one sector, and the same input always gives the same
// picture. Graphviz (layout "nop2") then only routes the lines around
// the nodes and draws. Coordinates are points, y up, the child at 0,0.

// rect is a node's box: centre and size in points.
type rect struct{ x, y, w, h float64 }

func (a rect) overlaps(b rect, padX, padY float64) bool {
	return math.Abs(a.x-b.x) < (a.w+b.w)/2+padX && math.Abs(a.y-b.y) < (a.h+b.h)/2+padY
}

// reach returns the distances from the centre of the map to the nearest
// and the furthest point of the box, with x divided by sx: the radii
// between which a ring of that shape crosses the box.
func (a rect) reach(sx float64) (near, far float64) {
	x, w := math.Abs(a.x)/sx, a.w/sx
	y := math.Abs(a.y)
	near = math.Hypot(math.Max(0, x-w/2), math.Max(0, y-a.h/2))
	far = math.Hypot(x+w/2, y+a.h/2)
	return near, far
}

// item is a node to place on a ring.
type item struct {
	ring  int // 1..numRings
	group group
	w, h  float64 // footprint, outer peripheries included
}

// numRings is the number of circles of closeness drawn round the child;
// people with no circle recorded are placed in a band of their own.
const numRings = 3

// radial is a computed layout.
type radial struct {
	pos   []rect                // per item, in item order
	child rect                  // the centre node
	radii [numRings + 1]float64 // ring radii (vertical); 0 for rings without people
	sx    float64               // every ring's width over its height
	// rings' label boxes, when a label fits in a gap of its ring
	ringLabel [numRings + 1]*rect
}

// ringPoint is the point of ring radius r at angle t.
func (l radial) ringPoint(r, t float64) (float64, float64) {
	return r * l.sx * math.Cos(t), r * math.Sin(t)
}

// bounds returns the box round the rings, the child and the people.
func (l radial) bounds() (left, right, bottom, top float64) {
	left, right, bottom, top = -l.child.w/2, l.child.w/2, -l.child.h/2, l.child.h/2
	for _, r := range l.radii {
		left, right = math.Min(left, -r*l.sx), math.Max(right, r*l.sx)
		bottom, top = math.Min(bottom, -r), math.Max(top, r)
	}
	boxes := slices.Clone(l.pos)
	for _, r := range l.ringLabel {
		if r != nil {
			boxes = append(boxes, *r)
		}
	}
	for _, p := range boxes {
		left, right = math.Min(left, p.x-p.w/2), math.Max(right, p.x+p.w/2)
		bottom, top = math.Min(bottom, p.y-p.h/2), math.Max(top, p.y+p.h/2)
	}
	return left, right, bottom, top
}

const (
	padX        = 18.0 // minimum horizontal gap between nodes
	padY        = 14.0 // minimum vertical gap between nodes
	ringClear   = 8.0  // minimum gap between a circle and a node not on it
	minRingStep = 36.0 // minimum gap between two circles
	radiusStep  = 8.0  // coarse, then
	radiusFine  = 2.0
	maxRadius   = 6000.0
)

// layoutRadial places the items around a centre node of size cw x ch,
// on rings of width over height sx. Every person sits on their ring; no
// ring passes behind a person on another ring, so that each person's
// circle is plain to see. ringLabelSize gives the size of each ring's
// label, so that a label can be put in the widest gap of its ring.
func layoutRadial(cw, ch float64, items []item, sx float64, pull [numRings + 1]float64, ringLabelSize func(ring int) (float64, float64)) radial {
	out := radial{pos: make([]rect, len(items)), child: rect{0, 0, cw, ch}, sx: sx}
	if len(items) == 0 {
		return out
	}
	angles := ringAngles(items)
	for i, it := range items {
		angles[i] = pulled(angles[i], pull[it.ring])
	}
	// Radii: each ring as small as it can be with its people clear of
	// everyone placed, of the circle inside it, and the circle itself
	// clear of everyone inside it.
	placed := []rect{out.child}
	_, innerFar := out.child.reach(sx)
	prevR := 0.0
	for ring := 1; ring <= numRings; ring++ {
		var members []int
		for i, it := range items {
			if it.ring == ring {
				members = append(members, i)
			}
		}
		if len(members) == 0 {
			continue
		}
		cand := make([]rect, len(members))
		fits := func(r float64) bool {
			for k, i := range members {
				x, y := out.ringPoint(r, angles[i])
				cand[k] = rect{x, y, items[i].w, items[i].h}
				if near, _ := cand[k].reach(sx); prevR > 0 && near < prevR+ringClear {
					return false
				}
				for _, p := range placed {
					if cand[k].overlaps(p, padX, padY) {
						return false
					}
				}
				for _, q := range cand[:k] {
					if cand[k].overlaps(q, padX, padY) {
						return false
					}
				}
			}
			return true
		}
		// The first radius that fits, in coarse steps, then the smallest
		// just below it that also fits.
		start := math.Max(prevR+minRingStep, innerFar+ringClear)
		r := start
		for r < maxRadius && !fits(r) {
			r += radiusStep
		}
		best := r
		for f := r - radiusFine; f > r-radiusStep && f >= start; f -= radiusFine {
			if fits(f) {
				best = f
			}
		}
		r = best
		fits(r)
		for k, i := range members {
			out.pos[i] = cand[k]
			_, far := cand[k].reach(sx)
			innerFar = math.Max(innerFar, far)
		}
		placed = append(placed, cand...)
		out.radii[ring] = r
		prevR = r
	}
	// Ring labels: in the widest gap of each ring where the label box
	// overlaps nobody, and within the drawing if there is such a place.
	left, right, _, _ := out.bounds()
	for ring := 1; ring <= numRings; ring++ {
		if out.radii[ring] == 0 || ringLabelSize == nil {
			continue
		}
		lw, lh := ringLabelSize(ring)
		var ra []float64
		for i, it := range items {
			if it.ring == ring {
				ra = append(ra, angles[i])
			}
		}
		var free []rect
		// the middles of the gaps, widest first, then anywhere on the
		// ring, from the bottom round
		angles := gapCentres(ra)
		for k := range 72 {
			angles = append(angles, -math.Pi/2+float64(k)*math.Pi/36)
		}
		for _, a := range angles {
			x, y := out.ringPoint(out.radii[ring], a)
			cand := rect{x, y, lw, lh}
			if !slices.ContainsFunc(placed, func(p rect) bool { return cand.overlaps(p, 10, 10) }) {
				free = append(free, cand)
			}
		}
		if len(free) == 0 {
			continue
		}
		c := free[0]
		if i := slices.IndexFunc(free, func(r rect) bool { return r.x-r.w/2 >= left && r.x+r.w/2 <= right }); i >= 0 {
			c = free[i]
		}
		out.ringLabel[ring] = &c
		placed = append(placed, c)
	}
	return out
}

// pulled moves an angle the fraction f of the way to the top or the
// bottom of the map, whichever is nearer: people on outer rings then sit
// above and below the middle rather than beside it, which keeps a map
// within the width of a page. The order round the ring is kept.
func pulled(t, f float64) float64 {
	if f == 0 {
		return t
	}
	t = math.Remainder(t, 2*math.Pi) // in [-pi, pi]
	target := math.Pi / 2
	if t < 0 {
		target = -math.Pi / 2
	}
	return t + f*(target-t)
}

// The shapes (width over height) rings may have, and how far people on
// each ring may be pulled towards the top and bottom (see pulled):
// bestRadial tries each combination.
var (
	ringShapes = []float64{1, 0.9, 0.8, 1.15}
	ringPulls  = [][numRings + 1]float64{
		{}, {0, 0, 0.25, 0}, {0, 0, 0.5, 0}, {0, 0, 0, 0.25}, {0, 0, 0, 0.5},
		{0, 0, 0.25, 0.25}, {0, 0, 0.25, 0.5}, {0, 0, 0.5, 0.25}, {0, 0, 0.5, 0.5},
		{0, 0.25, 0.25, 0.25}, {0, 0.25, 0.5, 0.5},
	}
)

// bestRadial lays the items out with each ring shape and pull and keeps
// the smallest drawing no wider than budget, plain circles and people
// where their sector puts them unless the others are clearly smaller;
// when none fits, the narrowest.
func bestRadial(cw, ch float64, items []item, budget float64, ringLabelSize func(ring int) (float64, float64)) radial {
	var best radial
	bestFits, bestScore := false, math.Inf(1)
	for _, sx := range ringShapes {
		for _, pull := range ringPulls {
			l := layoutRadial(cw, ch, items, sx, pull, ringLabelSize)
			left, right, bottom, top := l.bounds()
			w := right - left
			fits := w <= budget
			score := w
			if fits {
				// area, with a price on departing from circles and sectors
				moved := 0.0
				for _, p := range pull {
					moved += p
				}
				score = w * (top - bottom) * (1 + 2*math.Abs(sx-1)) * (1 + 0.2*moved)
			}
			if (fits && !bestFits) || (fits == bestFits && score < bestScore) {
				best, bestFits, bestScore = l, fits, score
			}
		}
	}
	return best
}

// ringAngles gives each item its angle: each group present gets a share
// of the circle in proportion to its people, the first group's sector
// centred on the top of the map, the others following clockwise; within
// a sector, a ring's people share it equally, shifted so that people on
// outer rings sit between those on inner ones.
func ringAngles(items []item) []float64 {
	var count [numGroups]int
	for _, it := range items {
		count[it.group]++
	}
	total := float64(len(items))
	var start, width [numGroups]float64
	first := true
	angle := math.Pi / 2
	for g := range numGroups {
		if count[g] == 0 {
			continue
		}
		width[g] = 2 * math.Pi * float64(count[g]) / total
		if first {
			angle += width[g] / 2
			first = false
		}
		start[g] = angle
		angle -= width[g]
	}
	angles := make([]float64, len(items))
	var placedAngles []float64 // of inner rings, for staggering
	for ring := 1; ring <= numRings; ring++ {
		var ringAngles []float64
		for g := range numGroups {
			var members []int
			for i, it := range items {
				if it.ring == ring && it.group == g {
					members = append(members, i)
				}
			}
			if len(members) == 0 {
				continue
			}
			slot := width[g] / float64(len(members))
			best, bestScore := 0.0, -1.0
			// Try a few offsets within a quarter slot and keep the one
			// furthest (in angle) from the people on inner rings, so
			// that lines to outer rings pass between inner people, and
			// from the people already on this ring.
			for _, f := range []float64{0, -0.25, 0.25, -0.125, 0.125} {
				score := math.Inf(1)
				for j := range members {
					a := start[g] - (float64(j)+0.5+f)*slot
					for _, b := range placedAngles {
						score = math.Min(score, angleDist(a, b))
					}
					for _, b := range ringAngles {
						score = math.Min(score, angleDist(a, b))
					}
				}
				if score > bestScore+1e-9 {
					best, bestScore = f, score
				}
			}
			for j, i := range members {
				angles[i] = start[g] - (float64(j)+0.5+best)*slot
				ringAngles = append(ringAngles, angles[i])
			}
		}
		placedAngles = append(placedAngles, ringAngles...)
	}
	return angles
}

// angleDist is the distance between two angles, in [0, pi].
func angleDist(a, b float64) float64 {
	d := math.Mod(math.Abs(a-b), 2*math.Pi)
	if d > math.Pi {
		d = 2*math.Pi - d
	}
	return d
}

// gapCentres returns the middles of the gaps between the angles, widest
// gap first; with one angle, the opposite side and the quarters; with
// none, the bottom.
func gapCentres(angles []float64) []float64 {
	if len(angles) == 0 {
		return []float64{-math.Pi / 2, 0, math.Pi}
	}
	norm := make([]float64, len(angles))
	for i, a := range angles {
		norm[i] = math.Mod(math.Mod(a, 2*math.Pi)+2*math.Pi, 2*math.Pi)
	}
	sortFloats(norm)
	type gap struct{ mid, size float64 }
	var gaps []gap
	for i := range norm {
		a := norm[i]
		b := norm[(i+1)%len(norm)]
		size := b - a
		if i == len(norm)-1 {
			size = b + 2*math.Pi - a
		}
		gaps = append(gaps, gap{a + size/2, size})
		// also a point a third of the way, for wide gaps
		if size > math.Pi/2 {
			gaps = append(gaps, gap{a + size/3, size * 0.9}, gap{a + 2*size/3, size * 0.9})
		}
	}
	// widest first; ties by angle (stable, deterministic)
	for i := 1; i < len(gaps); i++ {
		for j := i; j > 0 && (gaps[j].size > gaps[j-1].size+1e-12 ||
			(math.Abs(gaps[j].size-gaps[j-1].size) <= 1e-12 && gaps[j].mid < gaps[j-1].mid)); j-- {
			gaps[j], gaps[j-1] = gaps[j-1], gaps[j]
		}
	}
	out := make([]float64, len(gaps))
	for i, g := range gaps {
		out[i] = g.mid
	}
	return out
}

func sortFloats(xs []float64) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// ellipsePos is the "pos" of an edge drawn as an ellipse of radii rx and
// ry about the origin: four cubic Bézier arcs from (rx,0) anticlockwise.
func ellipsePos(rx, ry float64) string {
	kx, ky := 0.5522847498*rx, 0.5522847498*ry
	pts := [][2]float64{{rx, 0}, {rx, ky}, {kx, ry}, {0, ry}, {-kx, ry}, {-rx, ky}, {-rx, 0},
		{-rx, -ky}, {-kx, -ry}, {0, -ry}, {kx, -ry}, {rx, -ky}, {rx, 0}}
	return pointsPos(pts)
}

// linePos is the "pos" of a straight edge from (x1,y1) to (x2,y2).
func linePos(x1, y1, x2, y2 float64) string {
	return pointsPos([][2]float64{{x1, y1}, {x1 + (x2-x1)/3, y1 + (y2-y1)/3},
		{x1 + 2*(x2-x1)/3, y1 + 2*(y2-y1)/3}, {x2, y2}})
}

func pointsPos(pts [][2]float64) string {
	b := make([]byte, 0, len(pts)*16)
	for i, p := range pts {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, num(p[0])...)
		b = append(b, ',')
		b = append(b, num(p[1])...)
	}
	return string(b)
}

// posAttr is a node's pinned position.
func posAttr(x, y float64) attr { return a("pos", num(x)+","+num(y)+"!") }
