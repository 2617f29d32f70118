package render

import (
	"errors"
	"testing"
)

// TestCheckSVGAllowsOnlyGraphvizAttributes: attributes are an allow-list
// too. Each of these passed the deny-list (no on..., href, style or
// reference) but is nothing Graphviz writes: focus, editing, filters,
// clipping, a base URL, a namespace declared inside the drawing.
func TestCheckSVGAllowsOnlyGraphvizAttributes(t *testing.T) {
	const open = `<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt" viewBox="0 0 10 10">`
	for _, body := range []string{
		`<g tabindex="0"><text>x</text></g>`,
		`<text contenteditable="true">x</text>`,
		`<rect x="0" y="0" width="1" height="1" filter="blur"/>`,
		`<path d="M0 0" clip-path="inset(0)"/>`,
		`<g mask="m"/>`,
		`<g xml:base="x"/>`,
		`<g xmlns:evil="urn:x"/>`,
		`<polygon points="0,0 1,1" evil:attr="1" xmlns:evil="urn:x"/>`,
		`<ellipse cx="1" cy="1" rx="1" ry="1" pathLength="3"/>`,
	} {
		if err := checkSVG([]byte(open + body + `</svg>`)); !errors.Is(err, errUnsafeSVG) {
			t.Errorf("%s: got %v, want it refused", body, err)
		}
	}
	graphviz := open + `<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 4)">` +
		`<title id="kinmap-title">t</title><desc id="kinmap-desc">d</desc>` +
		`<polygon fill="white" stroke="none" points="-4,4 -4,-4 4,-4 4,4 -4,4"/>` +
		`<g id="node1" class="node"><ellipse fill="#ffffff" stroke="#1f4e79" stroke-width="2" cx="0" cy="0" rx="3" ry="2"/>` +
		`<text text-anchor="middle" x="0" y="0" font-family="Helvetica,sans-Serif" font-weight="bold" font-style="italic" font-size="9.00" fill="#000000">A</text></g>` +
		`<g id="edge1" class="edge"><path fill="none" stroke="#555" stroke-dasharray="5,2" d="M0,0C1,1 2,2 3,3"/>` +
		`<polyline fill="none" stroke="black" points="0,0 1,1"/></g></g></svg>`
	if err := checkSVG([]byte(graphviz)); err != nil {
		t.Errorf("what Graphviz writes was refused: %v", err)
	}
}
