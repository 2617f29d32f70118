package viz

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"
)

var (
	reSVGSize  = regexp.MustCompile(`<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"`)
	reFontSize = regexp.MustCompile(`<text [^>]*font-size="([\d.]+)"[^>]*>([^<]*)</text>`)
)

// printedSize returns the declared width of an SVG in points, its
// viewBox width, the smallest font size of any visible text in viewBox
// units, and that text printed at the declared size, in points.
func printedSize(t *testing.T, what string, svg []byte) (declared, view, font, printed float64) {
	t.Helper()
	m := reSVGSize.FindSubmatch(svg)
	if m == nil {
		t.Fatalf("%s: no <svg> width, height and viewBox", what)
	}
	declared, _ = strconv.ParseFloat(string(m[1]), 64)
	view, _ = strconv.ParseFloat(string(m[3]), 64)
	font = 1e9
	for _, f := range reFontSize.FindAllSubmatch(svg, -1) {
		if len(bytes.TrimSpace(f[2])) == 0 {
			continue // a blank spacer
		}
		s, _ := strconv.ParseFloat(string(f[1]), 64)
		font = min(font, s)
	}
	return declared, view, font, declared / view * font
}

// TestPrintedTextSize renders every map of every looked-after child and
// checks that it fits the page and that its smallest text, printed at
// the size the SVG declares, is readable.
func TestPrintedTextSize(t *testing.T) {
	for _, m := range allFixtureMaps(t) {
		declared, view, font, printed := printedSize(t, m.String(), m.svg)
		t.Logf("%-40s width %6.1fpt viewBox %7.1f font %5.2f printed %5.2fpt", m, declared, view, font, printed)
		if printed < minPrintedText(m.aud) {
			t.Errorf("%s: smallest text prints at %.2fpt (%.0fpt wide for a %.0f-unit viewBox, font %.1f), want at least %.0fpt",
				m, printed, declared, view, font, minPrintedText(m.aud))
		}
		if declared > maxPageWidth+0.01 {
			t.Errorf("%s: declared %.1fpt wide (viewBox %.0f), want at most the page's %.0fpt", m, declared, view, maxPageWidth)
		}
	}
}

// TestSVGSizeFromContent checks the size an SVG declares: its own size
// when it fits the page, shrunk to the page when wider, but never so far
// that its smallest text prints below the minimum.
func TestSVGSizeFromContent(t *testing.T) {
	cases := []struct {
		name          string
		view, font    float64
		minText       float64
		width, height string
	}{
		{"fits the page", 500, 10, 7, "500", "250"},
		{"shrunk to the page", 1000, 10, 7, "720", "360"},
		{"shrunk only to readable", 1440, 10, 7, "1008", "504"},
		{"a child's map, larger text", 1100, 13, 9, "761.54", "380.77"},
		{"blank text is not text", 1000, 0, 7, "720", "360"},
	}
	for _, c := range cases {
		text := `<text x="0" y="0" font-size="` + num(c.font) + `">words</text>`
		if c.font == 0 {
			text = `<text x="0" y="0" font-size="2"> </text>`
		}
		svg := `<?xml version="1.0" encoding="UTF-8" standalone="no"?>` + "\n" +
			`<svg width="` + num(c.view) + `pt" height="` + num(c.view/2) + `pt" viewBox="0.00 0.00 ` + num(c.view) + ` ` + num(c.view/2) +
			`" xmlns="http://www.w3.org/2000/svg"><g>` + text + `</g></svg>`
		out, err := sanitiseSVG([]byte(svg), "t", "d", c.minText)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		m := reSVGSize.FindSubmatch(out)
		if m == nil {
			t.Fatalf("%s: no size in %s", c.name, out)
		}
		if string(m[1]) != c.width || string(m[2]) != c.height {
			t.Errorf("%s: got %spt x %spt, want %spt x %spt", c.name, m[1], m[2], c.width, c.height)
		}
	}
}
