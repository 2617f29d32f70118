package analysis

import (
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
)

// Flags returns the flags for n.Child as of n.AsOf, computed afresh from
// the snapshot every time (nothing is cached). The order is deterministic:
// severity (high first), then kind in the order of the FlagKind constants,
// then the people in the evidence. A network with no child, or whose
// child is not in it, gives nil; a child with no flags gives an empty
// slice.
func Flags(n *graph.Network, opt Options) []Flag {
	if n == nil || n.Child == "" {
		return nil
	}
	s := newSnapshot(n)
	if s.ix.Person(n.Child) == nil {
		return nil
	}
	return s.flags(opt.withDefaults(), ConnectionGraph(n))
}

func (s *snapshot) flags(opt Options, g *Graph) []Flag {
	child := s.n.Child
	out := []Flag{} // empty, not nil: encodes as []
	out = append(out, s.separatedSiblings(child, opt)...)
	out = append(out, s.unrecordedSiblings(child)...)
	out = append(out, s.stepSiblings(child)...)
	out = append(out, s.lostConnections(child, opt)...)
	out = append(out, s.fragileConnections(child, g)...)
	out = append(out, s.assessmentFlags(child, opt)...)
	out = append(out, s.planActionFlags(child)...)
	out = append(out, s.viewsNotRecorded(child)...)
	s.notePlan(child, out)
	sortFlags(out)
	return out
}

var severityOrder = []Severity{High, Medium, Low, Info}

var kindOrder = []FlagKind{SeparatedSibling, UnrecordedSibling, LostConnection, LostAtMove, FragileConnection,
	AssessmentDue, AssessmentOverdue, PlanActionOverdue, ViewsNotRecorded}

func sortFlags(fs []Flag) {
	slices.SortStableFunc(fs, func(a, b Flag) int {
		if c := slices.Index(severityOrder, a.Severity) - slices.Index(severityOrder, b.Severity); c != 0 {
			return c
		}
		if c := slices.Index(kindOrder, a.Kind) - slices.Index(kindOrder, b.Kind); c != 0 {
			return c
		}
		return slices.Compare(a.Evidence.People, b.Evidence.People)
	})
}

// severityFor maps a count of problems to a severity: none is info, one
// is medium, more is high.
func severityFor(problems int) Severity {
	switch {
	case problems <= 0:
		return Info
	case problems == 1:
		return Medium
	}
	return High
}

// sentences joins non-empty sentences with spaces.
func sentences(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, " ")
}
