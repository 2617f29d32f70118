package render

import (
	"bytes"
	stdhtml "html"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/viz"
	xhtml "golang.org/x/net/html"
)

// svgAttacks are SVGs that try to get code, links or other documents past
// the sanitiser.
var svgAttacks = []string{
	`<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt" viewBox="0 0 10 10"><script>alert(1)</script></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt" onload="alert(1)"><g/></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src="x"/></body></foreignObject></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" height="10pt"><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><rect fill="url(https://evil.example/x)"/></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><desc><![CDATA[><img src=x onerror=alert(1)>]]></desc></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><title>t</title><text font-size="9">&lt;script&gt;</text></svg>`,
	`<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><text>&x;</text></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><set attributeName="onmouseover" to="alert(1)"/></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><style>@import url(//evil.example)</style></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><g><text>x</text></g></svg>`,
}

// forbiddenHTML are elements that must not appear when the sanitised SVG
// is put inside an HTML page, as a browser's HTML parser reads it.
var forbiddenHTML = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "object": true, "embed": true, "image": true,
	"img": true, "use": true, "a": true, "animate": true, "animatetransform": true, "animatemotion": true,
	"set": true, "style": true, "link": true, "audio": true, "video": true, "handler": true, "listener": true,
	"form": true, "input": true, "button": true, "base": true, "meta": true, "math": true, "template": true,
	"noscript": true, "frame": true, "frameset": true, "source": true, "svg:script": true,
}

// FuzzSanitiseSVG: whatever SVG goes in, what sanitiseSVG lets out is
// safe as the HTML parser of a browser reads it inline on a page (a
// different parser from the sanitiser's own XML one): no script,
// foreignObject, links, images, styles or animation, no event (on...)
// attributes, no href or src, no javascript:, data: or url() references,
// no external addresses, and the accessible title and description are
// the text given. Its output passes its own check again.
func FuzzSanitiseSVG(f *testing.F) {
	for _, s := range svgAttacks {
		f.Add([]byte(s), "Map", "desc")
	}
	f.Fuzz(func(t *testing.T, svg []byte, title, desc string) {
		out, err := sanitiseSVG(svg, title, desc, 7)
		if err != nil {
			return
		}
		if err := checkSVG(out); err != nil {
			t.Fatalf("sanitised SVG fails its own check: %v\n%s", err, out)
		}
		doc, err := xhtml.Parse(strings.NewReader("<!DOCTYPE html><html><body>" + string(out) + "</body></html>"))
		if err != nil {
			t.Fatalf("HTML parse: %v", err)
		}
		var texts = map[string]string{}
		var walk func(n *xhtml.Node, inSVG bool)
		walk = func(n *xhtml.Node, inSVG bool) {
			if n.Type == xhtml.ElementNode {
				name := strings.ToLower(n.Data)
				if inSVG && (forbiddenHTML[name] || n.Namespace != "svg") {
					t.Fatalf("element %q (namespace %q) in the sanitised SVG as HTML reads it:\n%s", n.Data, n.Namespace, out)
				}
				if name == "svg" {
					inSVG = true
				}
				for _, at := range n.Attr {
					key := strings.ToLower(at.Key)
					val := strings.ToLower(strings.Join(strings.Fields(at.Val), ""))
					switch {
					case strings.HasPrefix(key, "on"), key == "href", key == "src", key == "style", at.Namespace == "xlink" && key != "",
						strings.Contains(val, "javascript:"), strings.Contains(val, "data:"), strings.Contains(val, "url("),
						(strings.Contains(val, "//") || strings.Contains(val, "http")) && !(key == "xmlns" || at.Namespace == "xmlns" || strings.HasPrefix(key, "xmlns:")):
						t.Fatalf("attribute %s=%q on %q in the sanitised SVG:\n%s", at.Key, at.Val, n.Data, out)
					}
					if key == "id" && (at.Val == "kinmap-title" || at.Val == "kinmap-desc") {
						var b bytes.Buffer
						for c := n.FirstChild; c != nil; c = c.NextSibling {
							if c.Type != xhtml.TextNode {
								t.Fatalf("%s holds markup:\n%s", at.Val, out)
							}
							b.WriteString(c.Data)
						}
						texts[at.Val] = b.String()
					}
				}
			}
			if n.Type == xhtml.CommentNode && inSVG {
				t.Fatalf("comment %q in the sanitised SVG as HTML reads it:\n%s", n.Data, out)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, inSVG)
			}
		}
		walk(doc, false)
		// Nothing outside the one <svg>: an HTML element inside it would
		// have ended it and stood on the page on its own.
		// (The XML declaration reads as a comment, and white space is
		// white space.)
		body, svgs := doc.LastChild.LastChild, 0
		for c := body.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == xhtml.ElementNode && c.Data == "svg":
				svgs++
			case c.Type == xhtml.TextNode && strings.TrimSpace(c.Data) == "":
			case c.Type == xhtml.CommentNode && strings.HasPrefix(c.Data, "?xml ") && !strings.Contains(c.Data, ">"):
			default:
				t.Fatalf("the sanitised SVG is not one <svg> element as HTML reads it (%q):\n%s", c.Data, out)
			}
		}
		if svgs != 1 {
			t.Fatalf("got %d <svg> elements as HTML reads it, want 1:\n%s", svgs, out)
		}
		if got, want := texts["kinmap-title"], stdhtml.UnescapeString(viz.EscapeText(title)); got != want {
			t.Errorf("title: got %q, want %q", got, want)
		}
		if got, want := texts["kinmap-desc"], stdhtml.UnescapeString(viz.EscapeText(desc)); got != want {
			t.Errorf("desc: got %q, want %q", got, want)
		}
	})
}
