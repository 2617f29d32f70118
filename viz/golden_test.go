package viz

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/golden"
)

// TestGoldenDOT compares the DOT of every map of every fixture family for
// every audience with testdata/<family>-<map>-<audience>.dot. Run with
// -update to rewrite them after an intended change, and read the diff.
func TestGoldenDOT(t *testing.T) {
	for _, f := range loadFamilies(t) {
		for _, kind := range mapKinds {
			for _, aud := range Audiences {
				name := fileName(f, kind, aud)
				t.Run(name, func(t *testing.T) {
					golden.Check(t, filepath.Join("testdata", name+".dot"), buildDOT(t, f, f.focus, kind, aud))
				})
			}
		}
	}
}

// firstDiff describes the first differing line of got and want.
func firstDiff(got, want []byte) string { return golden.FirstDiff(got, want) }

// TestDOTIndependentOfRecordOrder shuffles every record list of the
// networks and expects the same DOT: nothing may depend on map iteration
// or storage order.
func TestDOTIndependentOfRecordOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, f := range loadFamilies(t) {
		for _, aud := range Audiences {
			in := childInput(f, f.focus, aud)
			want, err := ChildMapDOT(in)
			if err != nil {
				t.Fatal(err)
			}
			in.Network = shuffled(in.Network, rng)
			got, err := ChildMapDOT(in)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s child %s: DOT changed when records were reordered: %s", f.name, aud, firstDiff(got, want))
			}

			in, g := siblingArgs(f, f.focus, aud)
			want, _ = SiblingGroupDOT(in, g)
			in.Network = shuffled(in.Network, rng)
			got, _ = SiblingGroupDOT(in, g)
			if !bytes.Equal(got, want) {
				t.Errorf("%s siblings %s: DOT changed when records were reordered: %s", f.name, aud, firstDiff(got, want))
			}

			in, before, changes := reviewArgs(f, f.focus, aud)
			want, _ = ReviewDOT(in, before, changes)
			in.Network, before = shuffled(in.Network, rng), shuffled(before, rng)
			got, _ = ReviewDOT(in, before, changes)
			if !bytes.Equal(got, want) {
				t.Errorf("%s review %s: DOT changed when records were reordered: %s", f.name, aud, firstDiff(got, want))
			}
		}
	}
}

func shuffled(n *graph.Network, r *rand.Rand) *graph.Network {
	c := *n
	c.People = slices.Clone(n.People)
	c.Households = slices.Clone(n.Households)
	c.Residences = slices.Clone(n.Residences)
	c.Relationships = slices.Clone(n.Relationships)
	c.Contacts = slices.Clone(n.Contacts)
	r.Shuffle(len(c.People), func(i, j int) { c.People[i], c.People[j] = c.People[j], c.People[i] })
	r.Shuffle(len(c.Households), func(i, j int) { c.Households[i], c.Households[j] = c.Households[j], c.Households[i] })
	r.Shuffle(len(c.Residences), func(i, j int) { c.Residences[i], c.Residences[j] = c.Residences[j], c.Residences[i] })
	r.Shuffle(len(c.Relationships), func(i, j int) {
		c.Relationships[i], c.Relationships[j] = c.Relationships[j], c.Relationships[i]
	})
	r.Shuffle(len(c.Contacts), func(i, j int) { c.Contacts[i], c.Contacts[j] = c.Contacts[j], c.Contacts[i] })
	return &c
}
