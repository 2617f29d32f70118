package analysis

import "github.com/kinmap/kinmap/graph"

// DefaultKeyPeople is how many key people Analyse returns.
const DefaultKeyPeople = 5

// ChildAnalysis bundles everything computed for one child as of a date:
// the API's response for a child's connections page and plan.
type ChildAnalysis struct {
	Child        graph.ID      `json:"child"`
	AsOf         graph.Date    `json:"as_of"`
	Flags        []Flag        `json:"flags"`
	KeyPeople    []KeyPerson   `json:"key_people"`
	SiblingGroup *SiblingGroup `json:"sibling_group,omitempty"`
}

// Analyse computes the flags, the top DefaultKeyPeople key people and the
// sibling group of n.Child as of n.AsOf, indexing the network once.
func Analyse(n *graph.Network, opt Options) ChildAnalysis {
	if n == nil {
		return ChildAnalysis{Flags: []Flag{}, KeyPeople: []KeyPerson{}}
	}
	out := ChildAnalysis{Child: n.Child, AsOf: n.AsOf, Flags: []Flag{}, KeyPeople: []KeyPerson{}}
	s := newSnapshot(n)
	if n.Child == "" || s.ix.Person(n.Child) == nil {
		return out
	}
	g := ConnectionGraph(n)
	out.Flags = s.flags(opt.withDefaults(), g)
	if kp := s.keyPeople(g, DefaultKeyPeople); kp != nil {
		out.KeyPeople = kp
	}
	if grp, ok := s.siblingGroupOf(n.Child); ok {
		out.SiblingGroup = &grp
	}
	return out
}
