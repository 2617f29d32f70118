package viz

import (
	"math"
)

// The radial layout is computed here rather than by twopi, so that the
// child's three circles of closeness are real circles, people of one kind
// sit together in one sector, and the same input always gives the same
// picture. Graphviz (layout "nop2") then only routes the lines around
// the nodes and draws. Coordinates are points, y up, the child at 0,0.

// rect is a node's box: centre and size in points.
type rect struct{ x, y, w, h float64 }

func (a rect) overlaps(b rect, padX, padY float64) bool {
	return math.Abs(a.x-b.x) < (a.w+b.w)/2+padX && math.Abs(a.y-b.y) < (a.h+b.h)/2+padY
}

// item is a node to place on a ring.
type item struct {
	ring         int // 1..4
	group        group
	w, h         float64 // footprint, outer peripheries included
	nodeW, nodeH float64 // the node's own size
}

// radial is a computed layout.
type radial struct {
	pos   []rect     // per item, in item order
	child rect       // the centre node
	radii [5]float64 // ring radii; 0 for rings without people
	// rings' label boxes, when a label fits in a gap of its ring
	ringLabel [5]*rect
}

const (
	padX       = 18.0 // minimum horizontal gap between nodes
	padY       = 14.0 // minimum vertical gap between nodes
	ringGap    = 28.0 // minimum gap between one ring's nodes and the next ring
	radiusStep = 4.0
	maxRadius  = 6000.0
)

// layoutRadial places the items around a centre node of size cw x ch.
// ringLabelSize gives the size of each ring's label, so that a label can
// be put in the widest gap of its ring.
func layoutRadial(cw, ch float64, items []item, ringLabelSize func(ring int) (float64, float64)) radial {
	out := radial{pos: make([]rect, len(items)), child: rect{0, 0, cw, ch}}
	if len(items) == 0 {
		return out
	}
	// Sectors: each group present gets a share of the circle in
	// proportion to its people; the first group's sector is centred on
	// the top of the map, the others follow clockwise.
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
	for ring := 1; ring <= 4; ring++ {
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
	// Radii: grow each ring until its people overlap nobody placed.
	var placed []rect
	placed = append(placed, out.child)
	inner := math.Hypot(cw/2, ch/2)
	for ring := 1; ring <= 4; ring++ {
		var members []int
		maxHalf := 0.0
		for i, it := range items {
			if it.ring == ring {
				members = append(members, i)
				maxHalf = math.Max(maxHalf, math.Hypot(it.w/2, it.h/2))
			}
		}
		if len(members) == 0 {
			continue
		}
		r := inner + ringGap + maxHalf*0.6
		for ; r < maxRadius; r += radiusStep {
			ok := true
			cand := make([]rect, len(members))
			for k, i := range members {
				cand[k] = rect{r * math.Cos(angles[i]), r * math.Sin(angles[i]), items[i].w, items[i].h}
				for _, p := range placed {
					if cand[k].overlaps(p, padX, padY) {
						ok = false
						break
					}
				}
				for _, q := range cand[:k] {
					if !ok || cand[k].overlaps(q, padX, padY) {
						ok = false
						break
					}
				}
				if !ok {
					break
				}
			}
			if ok {
				for k, i := range members {
					out.pos[i] = cand[k]
				}
				placed = append(placed, cand...)
				break
			}
		}
		out.radii[ring] = r
		// the next ring starts beyond this ring's people
		inner = r + maxHalf*0.6
	}
	// Ring labels: in the widest gap of each ring where the label box
	// overlaps nobody.
	for ring := 1; ring <= 4; ring++ {
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
		for _, a := range gapCentres(ra) {
			cand := rect{out.radii[ring] * math.Cos(a), out.radii[ring] * math.Sin(a), lw, lh}
			ok := true
			for _, p := range placed {
				if cand.overlaps(p, 10, 10) {
					ok = false
					break
				}
			}
			if ok {
				c := cand
				out.ringLabel[ring] = &c
				placed = append(placed, c)
				break
			}
		}
	}
	return out
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

// circlePos is the "pos" of an edge drawn as a circle of radius r about
// the origin: four cubic Bézier arcs from (r,0) anticlockwise.
func circlePos(r float64) string {
	k := 0.5522847498 * r
	pts := [][2]float64{{r, 0}, {r, k}, {k, r}, {0, r}, {-k, r}, {-r, k}, {-r, 0},
		{-r, -k}, {-k, -r}, {0, -r}, {k, -r}, {r, -k}, {r, 0}}
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
