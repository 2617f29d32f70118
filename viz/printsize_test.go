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
