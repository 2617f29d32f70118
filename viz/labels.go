package viz

import (
	"strings"
)

// Node labels: the lines of text on a person, built from the view only.

const (
	nodeMarginX = 8.0 // points, each side
	nodeMarginY = 5.0
	// widthSlack widens boxes beyond the Helvetica estimate: viewers
	// without Helvetica substitute wider fonts (DejaVu Sans is about 10%
	// wider), and text must stay inside its box.
	widthSlack = 1.15
)

// wrapped turns text into spans of at most width runes per line.
func wrapped(s span, width, maxLines int) []span {
	var out []span
	for _, l := range wrap(s.text, width, maxLines) {
		c := s
		c.text = l
		out = append(out, c)
	}
	return out
}

// personSpans returns the lines of a person's label.
func personSpans(p personView, aud Audience, ts textStyle) []span {
	var out []span
	width := 34
	if aud == Child {
		width = 24
	}
	out = append(out, wrapped(span{text: p.name, size: ts.name, bold: true}, width, 2)...)
	if aud == Child {
		if p.words != "" {
			out = append(out, wrapped(span{text: "“" + p.words + "”", size: ts.words, italic: true, color: inkColour}, width, 3)...)
		}
		if p.roles != "" && p.words == "" {
			out = append(out, wrapped(span{text: p.roles, size: ts.detail, color: softInk}, width, 2)...)
		}
		for _, h := range p.home {
			out = append(out, wrapped(span{text: h, size: ts.detail, color: softInk}, width, 2)...)
		}
		for _, c := range p.contact {
			out = append(out, wrapped(span{text: c, size: ts.detail, color: softInk}, width, 2)...)
		}
		for _, b := range p.badges {
			out = append(out, wrapped(span{text: b.text, size: ts.detail, bold: true}, width, 2)...)
		}
		return out
	}
	role := p.roles
	if p.age != "" {
		if role != "" {
			role += " · "
		}
		role += p.age
	}
	if role != "" {
		out = append(out, wrapped(span{text: role, size: ts.detail}, width, 2)...)
	}
	if p.words != "" {
		out = append(out, wrapped(span{text: "“" + p.words + "”", size: ts.words, italic: true}, width, 3)...)
	}
	for _, h := range p.home {
		out = append(out, wrapped(span{text: h, size: ts.detail, color: softInk}, width, 2)...)
	}
	for _, c := range p.contact {
		out = append(out, wrapped(span{text: c, size: ts.detail}, width, 2)...)
	}
	for i, r := range p.restriction {
		s := span{text: r, size: ts.detail, color: "#A63D00", bold: i == 0}
		if i > 0 {
			s.italic = true
		}
		out = append(out, wrapped(s, width, 3)...)
	}
	for i, s := range p.separation {
		sp := span{text: s, size: ts.detail, bold: i == 0}
		if i > 0 {
			sp.italic = true
		}
		out = append(out, wrapped(sp, width, 3)...)
	}
	if p.notes != "" {
		out = append(out, wrapped(span{text: p.notes, size: ts.detail, italic: true, color: softInk}, width, 3)...)
	}
	for _, b := range p.badges {
		out = append(out, wrapped(span{text: b.text, size: ts.detail, bold: true, color: severityColour(b.severity)}, width, 2)...)
	}
	return out
}

// centreSpans returns the lines of the child at the centre.
func centreSpans(p personView, aud Audience, ts textStyle) []span {
	var out []span
	if aud == Child {
		out = append(out, span{text: "Me", size: ts.name * 1.3, bold: true})
		out = append(out, span{text: p.name, size: ts.name})
		for _, h := range p.home {
			out = append(out, wrapped(span{text: h, size: ts.detail, color: softInk}, 24, 2)...)
		}
		return out
	}
	out = append(out, wrapped(span{text: p.name, size: ts.name * 1.15, bold: true}, 30, 2)...)
	if p.age != "" {
		out = append(out, span{text: p.age, size: ts.detail})
	}
	if p.roles != "" {
		out = append(out, wrapped(span{text: p.roles, size: ts.detail}, 34, 2)...)
	}
	for _, h := range p.home {
		out = append(out, wrapped(span{text: h, size: ts.detail, color: softInk}, 34, 2)...)
	}
	return out
}

// labelSize estimates the size of a node holding spans, margins
// included.
func labelSize(spans []span, def float64, extra float64) (float64, float64) {
	w := spansWidth(def, spans...)*widthSlack + 2*nodeMarginX + extra
	h := spansHeight(def, spans...) + 2*nodeMarginY + extra
	return w, h
}

// textTable is an HTML label of left-aligned lines in a cell of fixed
// width, so that a pinned node's text starts exactly where it is meant to.
func textTable(spans []span, width, height float64) html {
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD FIXEDSIZE="TRUE" WIDTH="`)
	b.WriteString(num(width))
	b.WriteString(`" HEIGHT="`)
	b.WriteString(num(height))
	b.WriteString(`" ALIGN="LEFT" BALIGN="LEFT">`)
	first := true
	for _, s := range spans {
		r := s.render()
		if r == "" {
			continue
		}
		if !first {
			b.WriteString("<BR/>")
		}
		first = false
		b.WriteString(string(r))
	}
	if first {
		b.WriteString(" ")
	}
	b.WriteString(`</TD></TR></TABLE>`)
	return html(b.String())
}
