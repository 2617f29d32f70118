package viz

import (
	"strings"
	"testing"
	"unicode"

	"github.com/goccy/go-graphviz"
)

// dotSample writes a small graph with s in every kind of value kinmap's
// DOT carries: quoted graph, node and edge attributes and HTML-like labels.
func dotSample(s string) []byte {
	var w dotWriter
	w.open("graph", "kinmap")
	w.set(a("kinmap_title", s))
	w.defaults("node", a("fontname", "Helvetica"))
	w.node("n_one", a("tooltip", s), ah("label", escLabel(s)))
	w.node("n_two", ah("label", span{text: s, bold: true, size: 9, color: "#333333"}.render()))
	w.edge("n_one", "n_two", a("tooltip", s))
	w.close()
	return w.bytes()
}

// dotQuoted is what Graphviz reads back from quote(s): control
// characters as spaces, and backslashes as written (doubled), which its
// label escapes then halve.
func dotQuoted(s string) string {
	var b strings.Builder
	for _, r := range s { // each byte that is not UTF-8 a U+FFFD
		switch {
		case unicode.IsControl(r):
			b.WriteByte(' ')
		case r == '\\':
			b.WriteString(`\\`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FuzzDOTEscaping: whatever the text, the DOT kinmap writes parses as the
// graph it meant: one graph, the two nodes and one edge written and no
// other, every quoted value read back as written and every HTML-like label
// as escaped, so text can never end a value and start statements of its
// own.
func FuzzDOTEscaping(f *testing.F) {
	for _, s := range nastyNames {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dot := dotSample(s)
		g, err := graphviz.ParseBytes(dot)
		if err != nil {
			t.Fatalf("DOT does not parse: %v\n%s", err, dot)
		}
		defer g.Close()
		if n, err := g.NodeNum(); err != nil || n != 2 {
			t.Fatalf("got %d nodes (%v), want 2:\n%s", n, err, dot)
		}
		if n, err := g.EdgeNum(); err != nil || n != 1 {
			t.Fatalf("got %d edges (%v), want 1:\n%s", n, err, dot)
		}
		if n, err := g.SubGraphNum(); err != nil || n != 0 {
			t.Fatalf("got %d subgraphs (%v), want none:\n%s", n, err, dot)
		}
		if got, want := g.GetStr("kinmap_title"), dotQuoted(s); got != want {
			t.Errorf("graph attribute: got %q, want %q", got, want)
		}
		one, err := g.NodeByName("n_one")
		if err != nil || one == nil {
			t.Fatalf("node n_one missing (%v):\n%s", err, dot)
		}
		if got, want := one.GetStr("tooltip"), dotQuoted(s); got != want {
			t.Errorf("node attribute: got %q, want %q", got, want)
		}
		// An empty label is no label: Graphviz's default (\N) then.
		if got, want := one.GetStr("label"), string(escLabel(s)); want != "" && got != want {
			t.Errorf("HTML-like label: got %q, want %q", got, want)
		}
		if strings.ContainsAny(string(escLabel(s)), "<>") {
			t.Errorf("escaped label %q holds markup", escLabel(s))
		}
	})
}
