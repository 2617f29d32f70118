package viz

import (
	"strings"
	"testing"
)

// TestSiblingMapInferredSibling: in garvock, Mia shares a parent (Mum)
// with Finn and Leo but no sibling relationship is recorded. The
// professional map draws her with dashed lines labelled with the reason;
// the family map draws the lines without naming the parent; the child's
// own map leaves her out until the tie is recorded.
func TestSiblingMapInferredSibling(t *testing.T) {
	var f family
	for _, x := range loadFamilies(t) {
		if x.name == "garvock" {
			f = x
		}
	}
	if f.name == "" {
		t.Fatal("no garvock fixture family")
	}
	cases := []struct {
		aud        Audience
		want, not  []string
		dashedMias int // dashed lines drawn to Mia
	}{
		{Professional, []string{"Mia Hallbrae", "Not yet recorded as a brother or sister — shares a parent (Mum)",
			"Shares a parent: not yet recorded as a brother or sister", "partly together"}, nil, 2},
		{Family, []string{"Mia", "Not yet recorded as a brother or sister", "Shares a parent: not yet recorded as a brother or sister"},
			[]string{"shares a parent (Mum)", "Stacey"}, 2},
		{Child, nil, []string{"Mia", "Not yet recorded", "Shares a parent"}, 0},
	}
	for _, tc := range cases {
		t.Run(string(tc.aud), func(t *testing.T) {
			in, g := siblingArgs(f, f.focus, tc.aud)
			dot, err := SiblingGroupDOT(in, g)
			if err != nil {
				t.Fatal(err)
			}
			s := string(dot)
			for _, w := range tc.want {
				if !strings.Contains(s, w) {
					t.Errorf("map lacks %q", w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(s, w) {
					t.Errorf("map shows %q, want it left out for %s", w, tc.aud)
				}
			}
			dashed := 0
			for _, l := range strings.Split(s, "\n") {
				if strings.Contains(l, " -- n3 ") && strings.Contains(l, `style="dashed", penwidth="1.5"`) {
					dashed++
				}
			}
			if dashed != tc.dashedMias {
				t.Errorf("got %d dashed lines to n3, want %d", dashed, tc.dashedMias)
			}
		})
	}
}
