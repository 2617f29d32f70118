package viz

import (
	"regexp"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// TestChildMapContactThroughSomeone: in balcairn, Mason's letterbox
// contact with his adopted sister Rosie goes through the adoption team,
// who have no tie of their own to him. Every audience's map draws the
// contact as two lines through the team's node, styled as that contact,
// and no line straight from Mason to Rosie. (The goldens pin the rest:
// testdata/balcairn-child-*.dot.)
func TestChildMapContactThroughSomeone(t *testing.T) {
	var f family
	for _, x := range loadFamilies(t) {
		if x.name == "balcairn" {
			f = x
		}
	}
	if f.name == "" {
		t.Fatal("no balcairn fixture family")
	}
	cases := []struct {
		aud        Audience
		rosie, via string // text on each node
	}{
		{Professional, "Rosie", "Contact goes through them"},
		{Family, "Rosie", "Contact goes through them"},
		{Child, "Rosie", "Helps me keep in touch"},
	}
	for _, tc := range cases {
		t.Run(string(tc.aud), func(t *testing.T) {
			dot, err := ChildMapDOT(childInput(f, "bal-mason", tc.aud))
			if err != nil {
				t.Fatal(err)
			}
			text := string(dot)
			rosie, via := nodeWith(t, text, tc.rosie), nodeWith(t, text, tc.via)
			style := edgeAttrs(text, via, rosie)
			if style == "" {
				t.Fatalf("no line between the go-between (%s) and Rosie (%s)", via, rosie)
			}
			if !strings.Contains(style, `style="dashed"`) {
				t.Errorf("go-between to Rosie: got %s, want the dashed line of occasional contact", style)
			}
			// The same line; on a child's map each half takes the colour
			// of its person's group.
			if got := edgeAttrs(text, "n1", via); lineOnly(got) != lineOnly(style) {
				t.Errorf("Mason to the go-between: got %q, want the same line as to Rosie %q", got, style)
			}
			if got := edgeAttrs(text, "n1", rosie); got != "" {
				t.Errorf("got a line straight from Mason to Rosie (%s), want it through the go-between", got)
			}
		})
	}
}

// TestChildMapViaNotShownWithoutContactDetail: when the audience may not
// see the person's contact (a restriction hides it), the go-between is
// neither drawn nor named.
func TestChildMapViaNotShownWithoutContactDetail(t *testing.T) {
	var f family
	for _, x := range loadFamilies(t) {
		if x.name == "balcairn" {
			f = x
		}
	}
	for i, r := range f.doc.Relationships {
		if r.ID == "bal-rel-mason-rosie" {
			f.doc.Relationships[i].Restriction = &graph.Restriction{Kind: graph.RestrictSupervised, Basis: graph.BasisAssessment}
		}
	}
	dot, err := ChildMapDOT(childInput(f, "bal-mason", Family))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(dot), "adoption team") {
		t.Errorf("the family map of a restricted contact names the go-between")
	}
}

// nodeWith returns the id of the only node whose line holds s.
func nodeWith(t *testing.T, dot, s string) string {
	t.Helper()
	var ids []string
	for _, line := range strings.Split(dot, "\n") {
		if m := nodeLine.FindStringSubmatch(line); m != nil && strings.Contains(line, s) {
			ids = append(ids, m[1])
		}
	}
	if len(ids) != 1 {
		t.Fatalf("nodes holding %q: got %v, want one", s, ids)
	}
	return ids[0]
}

var nodeLine = regexp.MustCompile(`^  (n\d+) \[`)

// edgeAttrs returns the attributes of the line between a and b, "" if
// there is none.
func edgeAttrs(dot, a, b string) string {
	for _, line := range strings.Split(dot, "\n") {
		for _, p := range [][2]string{{a, b}, {b, a}} {
			if rest, ok := strings.CutPrefix(line, "  "+p[0]+" -- "+p[1]+" ["); ok {
				return rest
			}
		}
	}
	return ""
}

// lineOnly drops the colour from a line's attributes.
func lineOnly(attrs string) string { return colourAttr.ReplaceAllString(attrs, "") }

var colourAttr = regexp.MustCompile(`color="[^"]*", `)
