package viz

import (
	"math"
	"strings"
)

// html is the body of a Graphviz HTML-like label: markup kinmap wrote
// around text that went through esc. Only the helpers in this file make
// html values from strings.
type html string

// esc escapes text for an HTML-like label (which Graphviz parses as XML):
// & < > " ' become entities, so user text can never open a tag, end the
// label or form an entity of its own. The text is cleaned first.
func esc(s string) html {
	s = clean(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteRune(r)
		}
	}
	return html(b.String())
}

// escLabel escapes text for an HTML-like label: esc, and backslashes
// doubled, because Graphviz expands escapes such as \N (the node id) and
// \G (the graph name) even in HTML-like labels, entities included.
func escLabel(s string) html {
	return html(strings.ReplaceAll(string(esc(s)), `\`, `\\`))
}

// span is a run of text with its style.
type span struct {
	text   string
	size   float64 // 0: the node's default
	color  string  // "": the node's default
	bold   bool
	italic bool
}

// render returns the span as escaped, styled html.
func (s span) render() html {
	out := escLabel(s.text)
	if out == "" {
		return "" // Graphviz rejects empty <FONT></FONT>, and with it the label
	}
	if s.italic {
		out = "<I>" + out + "</I>"
	}
	if s.bold {
		out = "<B>" + out + "</B>"
	}
	if s.size > 0 || s.color != "" {
		var attrs []string
		if s.size > 0 {
			attrs = append(attrs, `POINT-SIZE="`+num(pointSize(s.size))+`"`)
		}
		if s.color != "" {
			attrs = append(attrs, `COLOR="`+string(esc(s.color))+`"`)
		}
		out = html("<FONT "+strings.Join(attrs, " ")+">") + out + "</FONT>"
	}
	return out
}

// lines joins spans, one per line, centred (align "") or aligned
// ("LEFT"). An empty list gives a label that draws nothing (never the
// empty string, which go-graphviz would replace by the node id).
func lines(align string, spans ...span) html {
	var parts []string
	for _, s := range spans {
		if r := s.render(); r != "" {
			parts = append(parts, string(r))
		}
	}
	if len(parts) == 0 {
		return blank
	}
	if align == "" {
		return html(strings.Join(parts, "<BR/>"))
	}
	br := `<BR ALIGN="` + align + `"/>`
	return html(strings.Join(parts, br) + br)
}

// pointSize is a text size as Graphviz draws it: whole points (it drops
// the fraction of POINT-SIZE). Sizes are rounded here, and measured
// rounded, so that text is drawn at the size it was measured at.
func pointSize(size float64) float64 { return math.Round(size) }

// blank is an HTML-like label that draws nothing.
const blank html = " "

// height estimates the height in points of the spans as lines, at the
// default size def.
func spansHeight(def float64, spans ...span) float64 {
	h := 0.0
	for _, s := range spans {
		if s.text == "" {
			continue
		}
		size := s.size
		if size == 0 {
			size = def
		}
		size = pointSize(size)
		h += size * 1.2
	}
	return h
}

// spansWidth estimates the width in points of the widest span.
func spansWidth(def float64, spans ...span) float64 {
	w := 0.0
	for _, s := range spans {
		size := s.size
		if size == 0 {
			size = def
		}
		size = pointSize(size)
		w = max(w, textWidth(clean(s.text), size, s.bold))
	}
	return w
}
