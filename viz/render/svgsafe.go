package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kinmap/kinmap/viz"
)

// maxPageWidth is the widest an SVG says it is, in points, unless its
// text would then print too small (viz.MaxPageWidth).
const maxPageWidth = viz.MaxPageWidth

// defaultMinText is the smallest printed text, in points, of a map that
// does not say.
const defaultMinText = 7.0

var (
	reDoctype = regexp.MustCompile(`(?s)<!DOCTYPE.*?>\s*`)
	reComment = regexp.MustCompile(`(?s)<!--.*?-->\s*`)
	reTitle   = regexp.MustCompile(`(?s)<title>.*?</title>\s*`)
	reSVGTag  = regexp.MustCompile(`(?s)<svg\s[^>]*>`)
	reWidth   = regexp.MustCompile(`\swidth="([0-9.]+)pt"`)
	reHeight  = regexp.MustCompile(`\sheight="([0-9.]+)pt"`)
	reXlinkNS = regexp.MustCompile(`\s+xmlns:xlink="[^"]*"`)
	reViewBox = regexp.MustCompile(`\sviewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ([0-9.]+)"`)
	reText    = regexp.MustCompile(`<text [^>]*font-size="([0-9.]+)"[^>]*>([^<]*)</text>`)
)

// svgFonts is the font list of the SVG's text: Helvetica and the fonts
// made to its metrics.
const svgFonts = "Helvetica,Arial,Liberation Sans,Nimbus Sans,Arimo,sans-serif"

// errUnsafeSVG is returned when Graphviz's SVG contains anything the
// sanitiser does not allow; the SVG is never returned then.
var errUnsafeSVG = errors.New("viz: SVG failed the safety check")

// sanitiseSVG rewrites Graphviz's SVG for embedding in a plan:
//
//   - the DOCTYPE (an external reference) and every comment go: Graphviz
//     writes the graph name and node ids into comments;
//   - every <title> goes (Graphviz titles each node and edge with its id),
//     and the map's own accessible <title> and <desc> go first, with
//     role="img" and aria-labelledby on the <svg>;
//   - width and height come from the content: the viewBox at full size,
//     shrunk to maxPageWidth when wider, but never so far that the
//     smallest text prints below minText points;
//   - the result must parse as XML and pass checkSVG (no script,
//     foreignObject, links, event attributes or external references).
func sanitiseSVG(svg []byte, title, desc string, minText float64) ([]byte, error) {
	s := string(svg)
	s = reDoctype.ReplaceAllString(s, "")
	s = reComment.ReplaceAllString(s, "")
	s = reTitle.ReplaceAllString(s, "")
	// Graphviz measured the text with Helvetica's metrics: offer the
	// fonts that share them before a generic (wider) sans-serif.
	s = strings.ReplaceAll(s, `font-family="Helvetica,sans-Serif"`, `font-family="`+svgFonts+`"`)
	tag := reSVGTag.FindString(s)
	if tag == "" {
		return nil, fmt.Errorf("%w: no <svg> element", errUnsafeSVG)
	}
	newTag := tag
	if m, n, vb := reWidth.FindStringSubmatch(tag), reHeight.FindStringSubmatch(tag), reViewBox.FindStringSubmatch(tag); m != nil && n != nil {
		w, _ := strconv.ParseFloat(m[1], 64)
		h, _ := strconv.ParseFloat(n[1], 64)
		if vb != nil {
			// Graphviz rounds width and height to whole points.
			w, _ = strconv.ParseFloat(vb[1], 64)
			h, _ = strconv.ParseFloat(vb[2], 64)
		}
		scale := min(1, maxPageWidth/w)
		if f := smallestText(s); f > 0 && minText > 0 && f*scale < minText {
			scale = minText / f
		}
		// Rounded up, so that rounding never takes text below minText.
		newTag = reWidth.ReplaceAllLiteralString(newTag, ` width="`+points(math.Ceil(w*scale*100)/100)+`pt"`)
		newTag = reHeight.ReplaceAllLiteralString(newTag, ` height="`+points(math.Ceil(h*scale*100)/100)+`pt"`)
	}
	if !strings.Contains(strings.Replace(s, tag, "", 1), "xlink:") {
		newTag = reXlinkNS.ReplaceAllLiteralString(newTag, "")
	}
	newTag = strings.TrimSuffix(newTag, ">") + ` role="img" aria-labelledby="kinmap-title kinmap-desc">`
	a11y := "\n<title id=\"kinmap-title\">" + viz.EscapeText(title) + "</title>\n<desc id=\"kinmap-desc\">" + viz.EscapeText(desc) + "</desc>"
	s = strings.Replace(s, tag, newTag+a11y, 1)
	if err := checkSVG([]byte(s)); err != nil {
		return nil, err
	}
	return []byte(s), nil
}

// points writes a length with at most two decimals, as the DOT writers
// do: "12", "12.5", "12.25".
func points(v float64) string {
	s := strings.TrimRight(strings.TrimRight(strconv.FormatFloat(v, 'f', 2, 64), "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

// smallestText is the font size of the smallest visible text of an SVG
// in its own units; 0 when it has none.
func smallestText(svg string) float64 {
	least := 0.0
	for _, m := range reText.FindAllStringSubmatch(svg, -1) {
		if strings.TrimSpace(m[2]) == "" {
			continue
		}
		if f, err := strconv.ParseFloat(m[1], 64); err == nil && f > 0 && (least == 0 || f < least) {
			least = f
		}
	}
	return least
}

// svgNS is the namespace of every element kinmap lets out.
const svgNS = "http://www.w3.org/2000/svg"

// allowedElements are the SVG elements a map may hold (lower case): what
// Graphviz draws with, its gradients, and the accessible title and
// description. An allow-list, not a list of what is known to be bad: an
// SVG put inline in an HTML page is read by the browser's HTML parser,
// where an HTML element such as <p> or <meta> ends the SVG and is then
// HTML (a <meta http-equiv="refresh"> redirects the page), and where
// scripting, linking and animating elements are many and growing.
var allowedElements = map[string]bool{
	"svg": true, "g": true, "title": true, "desc": true, "text": true, "tspan": true,
	"path": true, "polygon": true, "polyline": true, "ellipse": true, "circle": true, "rect": true, "line": true,
	"defs": true, "lineargradient": true, "radialgradient": true, "stop": true,
}

// paintAttrs are the presentation attributes Graphviz writes on what it
// draws (lower case).
var paintAttrs = []string{"id", "class", "transform", "fill", "fill-opacity", "stroke", "stroke-width",
	"stroke-dasharray", "stroke-opacity"}

// textAttrs are those it writes on text.
var textAttrs = []string{"x", "y", "text-anchor", "font-family", "font-size", "font-weight", "font-style",
	"text-decoration", "baseline-shift"}

// allowedAttrs are the attributes each allowed element may carry (lower
// case): what Graphviz writes there, with kinmap's own role and
// aria-labelledby on the <svg>. An allow-list like allowedElements:
// anything else (tabindex, filter, mask, clip-path, an attribute a
// browser adds next year) is refused, not only what is known to be bad.
var allowedAttrs = map[string]map[string]bool{
	"svg":            attrs(nil, "width", "height", "viewbox", "xmlns", "role", "aria-labelledby", "preserveaspectratio"),
	"g":              attrs(paintAttrs),
	"title":          attrs(nil, "id"),
	"desc":           attrs(nil, "id"),
	"text":           attrs(append(paintAttrs, textAttrs...)),
	"tspan":          attrs(append(paintAttrs, textAttrs...)),
	"path":           attrs(paintAttrs, "d"),
	"polygon":        attrs(paintAttrs, "points"),
	"polyline":       attrs(paintAttrs, "points"),
	"ellipse":        attrs(paintAttrs, "cx", "cy", "rx", "ry"),
	"circle":         attrs(paintAttrs, "cx", "cy", "r"),
	"rect":           attrs(paintAttrs, "x", "y", "width", "height", "rx", "ry"),
	"line":           attrs(paintAttrs, "x1", "y1", "x2", "y2"),
	"defs":           attrs(nil, "id"),
	"lineargradient": attrs(nil, "id", "gradientunits", "gradienttransform", "x1", "y1", "x2", "y2"),
	"radialgradient": attrs(nil, "id", "gradientunits", "gradienttransform", "cx", "cy", "r", "fx", "fy"),
	"stop":           attrs(nil, "offset", "stop-color", "stop-opacity"),
}

func attrs(common []string, more ...string) map[string]bool {
	m := make(map[string]bool, len(common)+len(more))
	for _, a := range append(slices.Clone(common), more...) {
		m[a] = true
	}
	return m
}

// attrAllowed reports whether element el (lower case) may carry at: one
// of its allowed attributes, without a namespace, or a namespace
// declaration on the <svg>.
func attrAllowed(el string, at xml.Attr) bool {
	if at.Name.Space == "xmlns" {
		return el == "svg"
	}
	return at.Name.Space == "" && allowedAttrs[el][strings.ToLower(at.Name.Local)]
}

// checkSVG parses svg as XML and rejects elements that are not allowed
// or not SVG's, attributes not allowed on their element, event
// attributes (on...), href attributes, external references in attribute
// values, DOCTYPEs, entities and processing instructions other than the
// XML declaration.
func checkSVG(svg []byte) error {
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	roots := 0
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%w: %v", errUnsafeSVG, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if t.Name.Local != "svg" {
					return fmt.Errorf("%w: root element %q", errUnsafeSVG, t.Name.Local)
				}
			}
			depth++
			el := strings.ToLower(t.Name.Local)
			if !allowedElements[el] || t.Name.Space != svgNS {
				return fmt.Errorf("%w: element %q", errUnsafeSVG, t.Name.Local)
			}
			for _, at := range t.Attr {
				if !attrAllowed(el, at) {
					return fmt.Errorf("%w: attribute %q on <%s>", errUnsafeSVG, at.Name.Local, t.Name.Local)
				}
				name := strings.ToLower(at.Name.Local)
				val := strings.ToLower(strings.Join(strings.Fields(at.Value), ""))
				switch {
				case strings.HasPrefix(name, "on"):
					return fmt.Errorf("%w: event attribute %q", errUnsafeSVG, at.Name.Local)
				case name == "href" || name == "src" || name == "style" || at.Name.Space == "xlink" || at.Name.Space == "http://www.w3.org/1999/xlink":
					if at.Name.Space == "xmlns" {
						continue
					}
					return fmt.Errorf("%w: attribute %q", errUnsafeSVG, at.Name.Local)
				case strings.Contains(val, "javascript:"), strings.Contains(val, "data:"),
					strings.Contains(val, "url("),
					(strings.Contains(val, "//") || strings.Contains(val, "http")) && at.Name.Space != "xmlns" && name != "xmlns":
					return fmt.Errorf("%w: reference in attribute %q", errUnsafeSVG, at.Name.Local)
				}
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			// Text outside the root would stand on the page on its own.
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return fmt.Errorf("%w: text outside the <svg> element", errUnsafeSVG)
			}
		case xml.Directive:
			return fmt.Errorf("%w: directive", errUnsafeSVG)
		case xml.ProcInst:
			if t.Target != "xml" {
				return fmt.Errorf("%w: processing instruction", errUnsafeSVG)
			}
		case xml.Comment:
			return fmt.Errorf("%w: comment", errUnsafeSVG)
		}
	}
	if roots != 1 {
		return fmt.Errorf("%w: %d root elements", errUnsafeSVG, roots)
	}
	return nil
}
