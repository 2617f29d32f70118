package viz

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// nastyNames are names that break naive DOT, HTML or SVG writers.
var nastyNames = []string{
	`Amy "The Boss" O'Neil`,
	`Back\slash Ending\`,
	`Brace {record|port} Name`,
	`Bracket ] [ Name`,
	`<script>alert(1)</script> Smith`,
	`Tom & Jerry &amp; &lt;b&gt;`,
	"Line\nBreak\rName\tTab",
	"Emoji 👩‍👧‍👦 Family 🐶",
	"\u202Eevil override\u202C Name",
	"مريم العربية",
	"שרה כהן",
	`Label \N \G \E \L <B>bold</B>`,
	`onload=alert(1) xlink:href="javascript:alert(1)"`,
	`]]> <!-- comment --> <?xml?>`,
	strings.Repeat("Long", 75), // 300 characters
}

// nastyNetwork is a child whose connections have the nasty names, words,
// household names and localities.
func nastyNetwork() *graph.Network {
	b := newBuilder("c", graph.MustDate("2026-11-01"))
	b.person(graph.Person{ID: "c", FullName: nastyNames[0], KnownAs: nastyNames[4], LookedAfter: true, DateOfBirth: graph.MustDate("2015-01-01")})
	b.home(graph.Household{ID: "h0", Kind: graph.HouseholdFoster, Name: nastyNames[5], Locality: nastyNames[3], Address: nastyNames[1], Confidential: true}, "c")
	for i, name := range nastyNames {
		id := "p" + string(rune('a'+i))
		kinds := []graph.RelKind{graph.RelSibling, graph.RelParent, graph.RelFriend, graph.RelFosterCarer, graph.RelProfessional}
		k := kinds[i%len(kinds)]
		b.person(graph.Person{ID: id, FullName: name, KnownAs: nastyNames[(i+3)%len(nastyNames)], LookedAfter: k == graph.RelSibling, DateOfBirth: graph.MustDate("2012-01-01")})
		hid := "h" + id
		b.home(graph.Household{ID: hid, Kind: graph.HouseholdBirthFamily, Name: nastyNames[(i+1)%len(nastyNames)], Locality: nastyNames[(i+2)%len(nastyNames)], Address: name}, id)
		r := graph.Relationship{From: id, To: "c", Kind: k, Notes: name,
			ToView: &graph.View{Circle: graph.Circles[i%3], Words: nastyNames[(i+5)%len(nastyNames)]}}
		if k == graph.RelSibling {
			r.SiblingType = graph.SiblingFull
			r.Separation = &graph.Separation{Reason: graph.SeparationOther, Detail: name}
		}
		if i%4 == 1 {
			r.Restriction = &graph.Restriction{Kind: graph.RestrictSupervised, Basis: graph.BasisAssessment, Reason: name}
		}
		b.rel(r)
	}
	return b.net()
}

func nastyInputs(aud Audience) (Input, analysis.SiblingGroup, *graph.Network, []analysis.Change) {
	n := nastyNetwork()
	flags := []analysis.Flag{{Kind: analysis.SeparatedSibling, Severity: analysis.High, Explanation: strings.Join(nastyNames, " "),
		Evidence: analysis.Evidence{People: []graph.ID{"c", "pa"}}}}
	in := Input{Network: n, Flags: flags, Audience: aud, Generated: graph.MustDate("2026-11-02")}
	group := analysis.SiblingGroup{Status: analysis.Apart, Members: []analysis.GroupMember{{Person: "c", LookedAfter: true}}}
	for _, p := range n.People {
		if strings.HasPrefix(p.ID, "p") && p.LookedAfter {
			group.Members = append(group.Members, analysis.GroupMember{Person: p.ID, LookedAfter: true})
		}
	}
	before := *n
	before.AsOf = graph.MustDate("2026-05-01")
	before.Relationships = before.Relationships[:len(before.Relationships)/2]
	changes := []analysis.Change{{Kind: analysis.Gained, Person: "pa", Detail: nastyNames[4]},
		{Kind: analysis.Changed, Person: "pb", Detail: nastyNames[5]}, {Kind: analysis.Lost, Person: "pc"}}
	return in, group, &before, changes
}

// TestEscaping builds and renders every map for every audience from the
// nasty network: the DOT must parse (the title survives, so no label was
// dropped), the SVG must parse as XML with nothing active in it, and no
// raw markup from a name may appear.
func TestEscaping(t *testing.T) {
	r := NewRenderer()
	defer r.Close()
	for _, aud := range Audiences {
		in, group, before, changes := nastyInputs(aud)
		maps := map[string]func() ([]byte, error){
			"child":    func() ([]byte, error) { return ChildMapDOT(in) },
			"siblings": func() ([]byte, error) { return SiblingGroupDOT(in, group) },
			"review":   func() ([]byte, error) { return ReviewDOT(in, before, changes) },
		}
		for _, kind := range mapKinds {
			dot, err := maps[kind]()
			if err != nil {
				t.Fatalf("%s %s: %v", kind, aud, err)
			}
			what := kind + " " + string(aud)
			checkDOTEscaped(t, what, dot)
			svg, err := r.Render(context.Background(), dot, SVG)
			if err != nil {
				t.Fatalf("%s: rendering: %v", what, err)
			}
			checkSafeSVG(t, what, svg)
			// Graphviz drops an HTML-like label it cannot parse, silently:
			// every person's label must have made it.
			want := len(nastyNames)
			if kind == "siblings" {
				want = 2 * len(group.Members) // a name and a home each
			}
			if n := bytes.Count(svg, []byte("<text")); n < want {
				t.Errorf("%s: SVG has %d text elements, want at least %d (a label was dropped)", what, n, want)
			}
			if !bytes.Contains(svg, []byte("&lt;script&gt;")) && aud == Professional && kind == "child" {
				t.Errorf("%s: SVG lacks the escaped <script> name, want it shown as text", what)
			}
			if aud == Professional && kind == "child" && !bytes.Contains(svg, []byte(`Label \N \G`)) {
				t.Errorf("%s: SVG lacks the literal name with backslash escapes, want \\N shown as typed", what)
			}
			if bytes.Contains(svg, []byte(" kinmap ")) {
				t.Errorf("%s: SVG shows the graph name, want Graphviz escapes in names left unexpanded", what)
			}
			if !utf8.Valid(svg) {
				t.Errorf("%s: SVG is not valid UTF-8", what)
			}
		}
	}
}

// checkDOTEscaped looks for user text that escaped its quoting.
func checkDOTEscaped(t *testing.T, what string, dot []byte) {
	t.Helper()
	s := string(dot)
	for _, bad := range []string{"<script>", "\u202E", "\r", "\t", "<!--", "<?xml", strings.Repeat("Long", 25)} {
		if strings.Contains(s, bad) {
			t.Errorf("%s: DOT contains %q, want it escaped, removed or shortened", what, bad)
		}
	}
	for i, line := range strings.Split(s, "\n") {
		if strings.Count(line, "<") != strings.Count(line, ">") {
			t.Errorf("%s: DOT line %d has unbalanced angle brackets: %.120s", what, i+1, line)
		}
	}
	if !strings.Contains(s, "…") {
		t.Errorf("%s: DOT has no ellipsis, want the 300-character name shortened", what)
	}
}

// checkSafeSVG parses svg as XML and rejects active or external content,
// independently of the renderer's own check.
func checkSafeSVG(t *testing.T, what string, svg []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	titles, descs := 0, 0
	var text strings.Builder
	inTitle := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: SVG does not parse as XML: %v", what, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			switch strings.ToLower(tk.Name.Local) {
			case "script", "foreignobject", "iframe", "image", "use", "a", "object", "embed":
				t.Errorf("%s: SVG has a <%s> element", what, tk.Name.Local)
			case "title":
				titles++
				inTitle = true
			case "desc":
				descs++
			}
			for _, at := range tk.Attr {
				n, v := strings.ToLower(at.Name.Local), strings.ToLower(at.Value)
				if strings.HasPrefix(n, "on") || n == "href" || strings.Contains(v, "javascript:") ||
					(strings.Contains(v, "http") && at.Name.Space != "xmlns" && n != "xmlns") {
					t.Errorf("%s: SVG attribute %s=%q", what, at.Name.Local, at.Value)
				}
			}
		case xml.EndElement:
			inTitle = false
		case xml.CharData:
			if inTitle {
				text.Write(tk)
			}
		case xml.Comment:
			t.Errorf("%s: SVG has a comment %q", what, string(tk))
		case xml.Directive:
			t.Errorf("%s: SVG has a directive", what)
		}
	}
	if titles != 1 || descs != 1 {
		t.Errorf("%s: got %d <title> and %d <desc>, want 1 and 1", what, titles, descs)
	}
	if strings.TrimSpace(text.String()) == "" {
		t.Errorf("%s: SVG <title> is empty", what)
	}
	if bytes.Contains(svg, []byte("<title>n")) || bytes.Contains(svg, []byte(">kinmap<")) {
		t.Errorf("%s: SVG exposes a node id or the graph name", what)
	}
}

func TestShortenAndClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a\nb\r\tc", "a b c"},
		{"\u202Eabc\u202C", "abc"},
		{"  two   spaces ", "two spaces"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
	}
	for _, c := range cases {
		if got := clean(c.in); got != c.want {
			t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	long := strings.Repeat("x", 300)
	if got := shorten(long, 40); utf8.RuneCountInString(got) != 40 || !strings.HasSuffix(got, "…") {
		t.Errorf("shorten(300 x, 40) = %q (%d runes), want 40 runes ending in …", got, utf8.RuneCountInString(got))
	}
	fam := "ab👩‍👧‍👦cd"
	for n := 3; n < 8; n++ {
		got := shorten(fam, n)
		if strings.HasSuffix(strings.TrimSuffix(got, "…"), "\u200D") {
			t.Errorf("shorten(%q, %d) = %q, want no dangling joiner", fam, n, got)
		}
	}
	if got := wrap("one two three four five", 9, 2); len(got) != 2 || !strings.HasSuffix(got[1], "…") {
		t.Errorf("wrap = %q, want 2 lines, the last ending in …", got)
	}
	if got := scrub("Gran's house near Strathvenn", []string{"strathvenn"}); got != "Gran's house near …" {
		t.Errorf("scrub = %q, want %q", got, "Gran's house near …")
	}
	if got := scrub("Strathvenny", []string{"Strathvenn"}); got != "Strathvenny" {
		t.Errorf("scrub(%q) = %q, want it unchanged (whole words only)", "Strathvenny", got)
	}
}

func TestQuoteAndEsc(t *testing.T) {
	if got, want := quote(`a"b\c`+"\n"), `"a\"b\\c "`; got != want {
		t.Errorf("quote = %s, want %s", got, want)
	}
	if got, want := string(esc(`<a href="x">&'`)), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"; got != want {
		t.Errorf("esc = %s, want %s", got, want)
	}
}

func TestParse(t *testing.T) {
	for _, s := range []string{"professional", " Family ", "CHILD"} {
		if _, err := ParseAudience(s); err != nil {
			t.Errorf("ParseAudience(%q): %v, want ok", s, err)
		}
	}
	if _, err := ParseAudience("public"); err == nil {
		t.Error("ParseAudience(public): got no error, want one")
	}
	for _, s := range []string{"svg", "PNG", "dot"} {
		if _, err := ParseFormat(s); err != nil {
			t.Errorf("ParseFormat(%q): %v, want ok", s, err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("ParseFormat(pdf): got no error, want one")
	}
}
