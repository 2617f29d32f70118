package viz

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestLook writes every map of every family for every audience to
// $VIZ_LOOK (skipped when unset), to look at.
func TestLook(t *testing.T) {
	dir := os.Getenv("VIZ_LOOK")
	if dir == "" {
		t.Skip("VIZ_LOOK not set")
	}
	kinds := mapKinds
	if k := os.Getenv("VIZ_KIND"); k != "" {
		kinds = []string{k}
	}
	r := NewRenderer()
	defer r.Close()
	for _, f := range loadFamilies(t) {
		for _, kind := range kinds {
			for _, aud := range Audiences {
				dot := buildDOT(t, f, f.focus, kind, aud)
				base := filepath.Join(dir, fileName(f, kind, aud))
				os.WriteFile(base+".dot", dot, 0o644)
				for _, fm := range []Format{SVG, PNG} {
					out, err := r.Render(context.Background(), dot, fm)
					if err != nil {
						t.Errorf("%s %s: %v", base, fm, err)
						continue
					}
					os.WriteFile(base+"."+string(fm), out, 0o644)
				}
			}
		}
	}
}
