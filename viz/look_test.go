package viz

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLook writes every map of every family for every audience to
// $VIZ_LOOK (skipped when unset), to look at: the DOT, and the formats
// in $VIZ_LOOK_FORMATS (a comma-separated list; svg,png when unset).
// $VIZ_KIND limits it to one kind of map.
func TestLook(t *testing.T) {
	dir := os.Getenv("VIZ_LOOK")
	if dir == "" {
		t.Skip("VIZ_LOOK not set")
	}
	kinds := mapKinds
	if k := os.Getenv("VIZ_KIND"); k != "" {
		kinds = []string{k}
	}
	formats := []Format{SVG, PNG}
	if fs := os.Getenv("VIZ_LOOK_FORMATS"); fs != "" {
		formats = nil
		for _, f := range strings.Split(fs, ",") {
			if f = strings.TrimSpace(f); f != "" && f != "dot" {
				formats = append(formats, Format(f))
			}
		}
	}
	r := NewRenderer()
	defer r.Close()
	for _, f := range loadFamilies(t) {
		for _, kind := range kinds {
			for _, aud := range Audiences {
				dot := buildDOT(t, f, f.focus, kind, aud)
				base := filepath.Join(dir, fileName(f, kind, aud))
				if err := os.WriteFile(base+".dot", dot, 0o644); err != nil {
					t.Fatal(err)
				}
				for _, fm := range formats {
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
