package viz

import (
	"fmt"
	"slices"
	"strings"
)

// The key, and the findings or pair descriptions under it, form a column
// beside the map: one table node holding all the text, rows of fixed
// height, with the samples beside their rows: a small node per group
// swatch and, for line styles, edges with fixed positions (edges are not
// obstacles). Every node is an obstacle Graphviz routes lines round, and
// routing time grows fast with their number: a key of one node per row
// made a 40-person map six times slower to draw.

// column collects the rows of a key column.
type column struct {
	w    *dotWriter
	id   string // prefix of its node ids: "k" for the key, "p" and "f" for lists
	aud  Audience
	ts   textStyle
	x, y float64 // top-left corner, set before flush
	rows []keyRow
}

type keyRow struct {
	spans  []span
	sample *legendRow // a swatch or a line beside the row; nil for text
	height float64
}

// sampleWidth is the width of the column of samples and the gap after
// it; 0 when no row has a sample.
func (c *column) sampleWidth() float64 {
	if !slices.ContainsFunc(c.rows, func(r keyRow) bool { return r.sample != nil }) {
		return 0
	}
	if c.aud == Child {
		return 54
	}
	return 44
}

// sampleGap is the offset of the text from the column's left edge.
func (c *column) sampleGap() float64 {
	if sw := c.sampleWidth(); sw > 0 {
		return sw + 14
	}
	return 0
}

func (c *column) rowHeight() float64 { return max(c.ts.legend*1.4+10, 26) }

// text adds a block of lines.
func (c *column) text(spans []span, gapAfter float64) {
	if len(spans) == 0 {
		return
	}
	c.rows = append(c.rows, keyRow{spans: spans, height: spansHeight(c.ts.legend, spans...) + gapAfter})
}

// row adds a sample and its words.
func (c *column) row(r legendRow) {
	r2 := r
	c.rows = append(c.rows, keyRow{spans: []span{{text: r.text, size: c.ts.legend}}, sample: &r2, height: c.rowHeight()})
}

// legendHeading is the key's heading for an audience.
func legendHeading(aud Audience) string {
	if aud == Child {
		return "What the colours and lines mean"
	}
	return "Key"
}

// writeKey adds the key: heading, rows and notes. A map with nothing to
// explain (no one on it) has no key.
func (c *column) writeKey(rows []legendRow, notes []string) {
	if len(rows) == 0 {
		return
	}
	c.text([]span{{text: legendHeading(c.aud), size: c.ts.legend * 1.2, bold: true}}, 6)
	for _, r := range rows {
		c.row(r)
	}
	for i, n := range notes {
		gap := 4.0
		if i == 0 {
			gap = 8
		}
		c.rows = append(c.rows, keyRow{height: gap})
		c.text(wrapped(span{text: n, size: c.ts.legend, color: softInk}, 52, 4), 0)
	}
}

// writeList adds a heading and numbered paragraphs (findings, pairs).
func (c *column) writeList(heading string, items []string) {
	if len(items) == 0 {
		return
	}
	if len(c.rows) > 0 {
		c.rows = append(c.rows, keyRow{height: 16})
	}
	c.text([]span{{text: heading, size: c.ts.legend * 1.2, bold: true}}, 4)
	for _, f := range items {
		c.text(wrapped(span{text: f, size: c.ts.detail}, 64, 8), 6)
	}
}

// writeFindings adds the numbered findings (professional maps).
func (c *column) writeFindings(findings []string) { c.writeList("Findings", findings) }

// textWidth is the width of the column's text; size is the whole
// column's, samples included.
func (c *column) textWidth() float64 {
	width := 0.0
	for _, r := range c.rows {
		if len(r.spans) > 0 {
			width = max(width, spansWidth(c.ts.legend, r.spans...)*widthSlack+6)
		}
	}
	return width
}

func (c *column) size() (float64, float64) {
	height := 0.0
	for _, r := range c.rows {
		height += r.height
	}
	return c.sampleGap() + c.textWidth(), height
}

// placeColumns places the columns (the key, then any lists) beside the
// drawing whose bounds are given, one under the other, when the whole
// stays within the width budget; otherwise below the drawing, side by
// side as far as the budget (or the drawing, if wider) allows, and the
// rest each under the shortest column placed. It returns the bounds of
// everything. Empty columns are skipped.
func placeColumns(cols []*column, left, right, bottom, top, budget float64) (float64, float64, float64, float64) {
	const gapBeside, gapBelow, gapBetween = 60.0, 40.0, 28.0
	var present []*column
	colW := 0.0
	for _, c := range cols {
		if len(c.rows) > 0 {
			present = append(present, c)
			w, _ := c.size()
			colW = max(colW, w)
		}
	}
	if len(present) == 0 {
		return left, right, bottom, top
	}
	if right+gapBeside+colW-left <= budget {
		y := top
		for _, c := range present {
			_, h := c.size()
			c.x, c.y = right+gapBeside, y
			y -= h + gapBetween
		}
		return left, right + gapBeside + colW, min(bottom, y+gapBetween), top
	}
	avail := max(budget, right-left)
	type stack struct{ x, bottom float64 } // a column of columns
	var stacks []stack
	x := left
	newRight, newBottom := right, bottom
	for _, c := range present {
		w, h := c.size()
		if len(stacks) == 0 || x+w <= left+avail {
			c.x, c.y = x, bottom-gapBelow
			stacks = append(stacks, stack{x, c.y - h})
			x += w + gapBeside
		} else {
			// under the shortest stack it fits under
			best := -1
			for i, s := range stacks {
				if s.x+w <= left+avail && (best < 0 || s.bottom > stacks[best].bottom) {
					best = i
				}
			}
			if best < 0 {
				best = 0
			}
			s := &stacks[best]
			c.x, c.y = s.x, s.bottom-gapBetween
			s.bottom = c.y - h
		}
		newRight, newBottom = max(newRight, c.x+w), min(newBottom, c.y-h)
	}
	return left, newRight, newBottom, top
}

// flush writes the column: the samples, then one table node with every
// row's text, its left edge a gap to the right of the samples.
func (c *column) flush() {
	if len(c.rows) == 0 {
		return
	}
	sw := c.sampleWidth()
	textX := c.x + c.sampleGap()
	width := c.textWidth()
	_, height := c.size()
	// Samples, each centred on its row.
	y := c.y
	anchor := ""
	for i, r := range c.rows {
		cy := y - r.height/2
		y -= r.height
		if r.sample == nil {
			continue
		}
		if r.sample.isGrp {
			gs := groupStyles[r.sample.group]
			c.w.node(fmt.Sprintf("%s%d", c.id, i+1), a("shape", "box"), a("style", gs.style), a("fillcolor", gs.fill),
				a("color", gs.border), af("penwidth", gs.penwidth), a("peripheries", fmt.Sprint(gs.peripheries)),
				af("width", (sw-12)/72), af("height", (r.height-12)/72), a("fixedsize", "true"),
				posAttr(c.x+sw/2, cy), ah("label", blank))
			continue
		}
		if anchor == "" {
			// Line samples hang off one invisible point above the column.
			anchor = c.id + "a"
			c.w.node(anchor, a("shape", "point"), af("width", 0.01), a("style", "invis"),
				posAttr(c.x, c.y+12), ah("label", blank))
		}
		// One sample, or on a child's map, where lines take the colour
		// of the person's group, a piece in each colour used.
		styles := []lineStyle{lineStyles[r.sample.line]}
		if c.aud == Child {
			styles = styles[:0]
			for _, g := range r.sample.groups {
				styles = append(styles, childLine(r.sample.line, g))
			}
			if len(styles) == 0 {
				styles = append(styles, childLine(r.sample.line, groupOther))
			}
		}
		x0, x1 := c.x+2, c.x+sw-4
		piece := (x1 - x0) / float64(len(styles))
		for k, ls := range styles {
			attrs := []attr{a("pos", linePos(x0+float64(k)*piece, cy, x0+float64(k+1)*piece, cy)), a("color", ls.color),
				a("style", ls.style), af("penwidth", ls.penwidth)}
			if ls.head != "" {
				attrs = append(attrs, a("dir", "forward"), a("arrowhead", ls.head), af("arrowsize", 0.8))
			}
			c.w.edge(anchor, anchor, attrs...)
		}
	}
	// The text: one table, one fixed-size row per key row.
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">`)
	for _, r := range c.rows {
		b.WriteString(`<TR><TD FIXEDSIZE="TRUE" WIDTH="`)
		b.WriteString(num(width))
		b.WriteString(`" HEIGHT="`)
		b.WriteString(num(r.height))
		b.WriteString(`" ALIGN="LEFT" BALIGN="LEFT">`)
		first := true
		for _, s := range r.spans {
			if rs := s.render(); rs != "" {
				if !first {
					b.WriteString("<BR/>")
				}
				first = false
				b.WriteString(string(rs))
			}
		}
		if first {
			b.WriteString(" ")
		}
		b.WriteString(`</TD></TR>`)
	}
	b.WriteString(`</TABLE>`)
	c.w.node(c.id+"t", a("shape", "plaintext"), a("margin", "0"), af("width", width/72), af("height", height/72),
		posAttr(textX+width/2, c.y-height/2), ah("label", html(b.String())))
	c.rows = nil
}
