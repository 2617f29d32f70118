package analysis

import (
	"fmt"

	"github.com/kinmap/kinmap/graph"
)

// councilsApartText says that two homes are in different council areas,
// when both areas are recorded and differ; "" otherwise. Siblings placed
// in different councils are held by different authorities (in England
// 39% of separated sibling groups were split across councils: Children's
// Commissioner, 2023).
func councilsApartText(a, b *graph.Household) string {
	if a == nil || b == nil || a.CouncilArea == "" || b.CouncilArea == "" || a.CouncilArea == b.CouncilArea {
		return ""
	}
	return fmt.Sprintf("Their homes are in different council areas (%s and %s).", councilName(a.CouncilArea), councilName(b.CouncilArea))
}

// councilName is a council area's name, or its code if unknown.
func councilName(c graph.CouncilArea) string {
	if n := c.Name(); n != "" {
		return n
	}
	return string(c)
}

// splitAcrossCouncils reports whether the looked-after members of a
// sibling group with a recorded home live in more than one council area,
// as far as the homes' council areas are recorded.
func (s *snapshot) splitAcrossCouncils(g SiblingGroup) bool {
	seen := map[graph.CouncilArea]bool{}
	for _, m := range g.Members {
		if !m.LookedAfter {
			continue
		}
		if h := s.household(m.Person); h != nil && h.CouncilArea != "" {
			seen[h.CouncilArea] = true
		}
	}
	return len(seen) > 1
}
