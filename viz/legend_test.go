package viz

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	reEdgeLine   = regexp.MustCompile(`(?m)^\s*(n\d+|ka) -- (n\d+|ka) \[(.*)\];$`)
	reNodeLine   = regexp.MustCompile(`(?m)^\s*(n\d+|k\d+) \[(.*)\];$`)
	reQuotedAttr = regexp.MustCompile(`(\w+)="([^"]*)"`)
)

func dotAttrs(s string) map[string]string {
	out := map[string]string{}
	for _, m := range reQuotedAttr.FindAllStringSubmatch(s, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// lineLooks are the looks of a map's lines between people and of its key's
// line samples: colour, style, width and end.
func lineLooks(dot []byte) (onMap, inKey []string) {
	for _, m := range reEdgeLine.FindAllStringSubmatch(string(dot), -1) {
		at := dotAttrs(m[3])
		look := strings.Join([]string{at["color"], at["style"], at["penwidth"], at["arrowhead"]}, " ")
		if m[1] == "ka" {
			inKey = append(inKey, look)
		} else {
			onMap = append(onMap, look)
		}
	}
	return onMap, inKey
}

// boxLooks are the looks of the people on a radial map (the child at the
// centre, n1, aside) and of its key's group swatches.
func boxLooks(dot []byte) (onMap, inKey []string) {
	for _, m := range reNodeLine.FindAllStringSubmatch(string(dot), -1) {
		if m[1] == "n1" {
			continue
		}
		at := dotAttrs(m[2])
		look := strings.Join([]string{at["fillcolor"], at["color"], at["style"], at["peripheries"]}, " ")
		if strings.HasPrefix(m[1], "k") {
			inKey = append(inKey, look)
		} else {
			onMap = append(onMap, look)
		}
	}
	return onMap, inKey
}

// sameSet compares two lists as sets and says what one has and the other
// lacks.
func sameSet(t *testing.T, what, thing string, onMap, inKey []string) {
	t.Helper()
	for _, l := range onMap {
		if !slices.Contains(inKey, l) {
			t.Errorf("%s: %s %q is on the map but not in the key, want every style explained", what, thing, l)
		}
	}
	for _, l := range inKey {
		if !slices.Contains(onMap, l) {
			t.Errorf("%s: %s %q is in the key but not on the map, want only styles used", what, thing, l)
		}
	}
}

// TestKeyMatchesMap checks every map of every looked-after child, and the
// synthetic review map, for every audience: every line style (colour
// included) and every kind of box on the map is in the key, and the key
// lists nothing that is not on the map.
func TestKeyMatchesMap(t *testing.T) {
	type drawn struct {
		what, kind string
		dot        []byte
	}
	var maps []drawn
	for _, m := range allFixtureMaps(t) {
		maps = append(maps, drawn{m.String(), m.kind, m.dot})
	}
	for _, aud := range Audiences {
		in, before, changes := syntheticReview(aud)
		dot, err := ReviewDOT(in, before, changes)
		if err != nil {
			t.Fatal(err)
		}
		maps = append(maps, drawn{"synthetic review " + string(aud), "review", dot})
	}
	for _, m := range maps {
		onMap, inKey := lineLooks(m.dot)
		sameSet(t, m.what, "line", onMap, inKey)
		if m.kind != "siblings" { // a sibling map's boxes are all brothers and sisters
			onMap, inKey = boxLooks(m.dot)
			sameSet(t, m.what, "box", onMap, inKey)
		}
	}
}
