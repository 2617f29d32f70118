package render

import (
	"regexp"
	"testing"
)

var reSVGSize = regexp.MustCompile(`<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"`)

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
		text := `<text x="0" y="0" font-size="` + points(c.font) + `">words</text>`
		if c.font == 0 {
			text = `<text x="0" y="0" font-size="2"> </text>`
		}
		svg := `<?xml version="1.0" encoding="UTF-8" standalone="no"?>` + "\n" +
			`<svg width="` + points(c.view) + `pt" height="` + points(c.view/2) + `pt" viewBox="0.00 0.00 ` + points(c.view) + ` ` + points(c.view/2) +
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
