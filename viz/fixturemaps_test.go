package viz

import (
	"context"
	"sync"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// fixtureMap is one map of one looked-after child of a fixture family,
// with its DOT and rendered SVG.
type fixtureMap struct {
	fam   family
	child graph.ID
	kind  string
	aud   Audience
	dot   []byte
	svg   []byte
}

func (m fixtureMap) String() string {
	return m.fam.name + " " + m.child + " " + m.kind + " " + string(m.aud)
}

var fixtureMaps struct {
	once sync.Once
	maps []fixtureMap
	err  error
}

// allFixtureMaps builds and renders every map (child, siblings, review)
// of every looked-after child of every fixture family for every
// audience, once per test binary: several tests read them.
func allFixtureMaps(t *testing.T) []fixtureMap {
	t.Helper()
	fams := loadFamilies(t)
	fixtureMaps.once.Do(func() {
		r := NewRenderer()
		defer r.Close()
		for _, f := range fams {
			for _, child := range f.children {
				for _, kind := range mapKinds {
					for _, aud := range Audiences {
						m := fixtureMap{fam: f, child: child, kind: kind, aud: aud}
						m.dot = buildDOT(t, f, child, kind, aud)
						svg, err := r.Render(context.Background(), m.dot, SVG)
						if err != nil {
							fixtureMaps.err = err
							return
						}
						m.svg = svg
						fixtureMaps.maps = append(fixtureMaps.maps, m)
					}
				}
			}
		}
	})
	if fixtureMaps.err != nil {
		t.Fatalf("rendering the fixture maps: %v", fixtureMaps.err)
	}
	return fixtureMaps.maps
}
