package viz

import (
	"fmt"
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
	aud  Audience
	ts   textStyle
	x, y float64 // top-left corner
	rows []keyRow
}

type keyRow struct {
	spans  []span
	sample *legendRow // a swatch or a line beside the row; nil for text
	height float64
}

// sampleWidth is the width of the column of samples.
func (c *column) sampleWidth() float64 {
	if c.aud == Child {
		return 54
	}
	return 44
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

// writeKey adds the key: heading, rows and notes.
func (c *column) writeKey(rows []legendRow, notes []string) {
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
	c.rows = append(c.rows, keyRow{height: 16})
	c.text([]span{{text: heading, size: c.ts.legend * 1.2, bold: true}}, 4)
	for _, f := range items {
		c.text(wrapped(span{text: f, size: c.ts.legend * 0.95}, 64, 8), 6)
	}
}

// writeFindings adds the numbered findings (professional maps).
func (c *column) writeFindings(findings []string) { c.writeList("Findings", findings) }

// flush writes the column: the samples, then one table node with every
// row's text, its left edge a gap to the right of the samples.
func (c *column) flush() {
	if len(c.rows) == 0 {
		return
	}
	sw := c.sampleWidth()
	textX := c.x + sw + 14
	width, height := 0.0, 0.0
	for _, r := range c.rows {
		if len(r.spans) > 0 {
			width = max(width, spansWidth(c.ts.legend, r.spans...)*widthSlack+6)
		}
		height += r.height
	}
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
			c.w.node(fmt.Sprintf("k%d", i+1), a("shape", "box"), a("style", gs.style), a("fillcolor", gs.fill),
				a("color", gs.border), af("penwidth", gs.penwidth), a("peripheries", fmt.Sprint(gs.peripheries)),
				af("width", (sw-12)/72), af("height", (r.height-12)/72), a("fixedsize", "true"),
				posAttr(c.x+sw/2, cy), ah("label", blank))
			continue
		}
		if anchor == "" {
			// Line samples hang off one invisible point above the column.
			anchor = "ka"
			c.w.node(anchor, a("shape", "point"), af("width", 0.01), a("style", "invis"),
				posAttr(c.x, c.y+12), ah("label", blank))
		}
		ls := lineStyles[r.sample.line]
		if c.aud == Child {
			ls = childLine(r.sample.line, groupOther)
		}
		attrs := []attr{a("pos", linePos(c.x+2, cy, c.x+sw-4, cy)), a("color", ls.color),
			a("style", ls.style), af("penwidth", ls.penwidth)}
		if ls.head != "" {
			attrs = append(attrs, a("dir", "forward"), a("arrowhead", ls.head), af("arrowsize", 0.8))
		}
		c.w.edge(anchor, anchor, attrs...)
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
	c.w.node("kt", a("shape", "plaintext"), a("margin", "0"), af("width", width/72), af("height", height/72),
		posAttr(textX+width/2, c.y-height/2), ah("label", html(b.String())))
	c.rows = nil
}
