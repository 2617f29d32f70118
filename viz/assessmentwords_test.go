package viz

import (
	"strings"
	"testing"
)

// TestMapsSayWhenTheChildWasLastAssessed: a professional's connection
// and sibling-group maps say when the Family Connections Assessment was
// last done (and at what stage), or that none is recorded for a
// looked-after child; the family's and the child's maps say nothing of it.
func TestMapsSayWhenTheChildWasLastAssessed(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range loadFamilies(t) {
		for _, kind := range []string{"child", "siblings"} {
			for _, aud := range Audiences {
				dot := string(buildDOT(t, f, f.focus, kind, aud))
				said := strings.Contains(dot, "Last assessment ") || strings.Contains(dot, "No assessment recorded")
				if said != (aud == Professional) {
					t.Errorf("%s %s map for %s: says the assessment: %v, want %v", f.name, kind, aud, said, aud == Professional)
				}
				if aud == Professional {
					seen[map[bool]string{true: "assessed", false: "none"}[strings.Contains(dot, "Last assessment ")]] = true
				}
			}
		}
	}
	if !seen["assessed"] || !seen["none"] {
		t.Errorf("the families' professional maps show %v; want both an assessment date and none recorded", seen)
	}
}
