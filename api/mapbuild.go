package api

import (
	"context"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/viz"
)

// MapRequest asks for one map of a child.
type MapRequest struct {
	Child graph.ID
	// Group asks for the sibling-group map (members clustered by home)
	// instead of the child's connection map.
	Group    bool
	Audience viz.Audience
	AsOf     graph.Date
	// Since, when set, asks for the review map: the child's connection
	// map with what changed between Since and AsOf. The sibling-group
	// map has none.
	Since graph.Date
	// Generated is the day the map says it was drawn on (today).
	Generated graph.Date
	// Options are the analyses' thresholds for the map's flags (nil:
	// analysis.DefaultOptions).
	Options *analysis.Options
}

// Validate checks what a request asks for, every problem named by its
// query parameter (since, audience).
func (r MapRequest) Validate() error {
	var probs graph.Problems
	switch {
	case !r.Since.IsZero() && r.Group:
		probs = append(probs, graph.Invalid("since", "the sibling-group map has no review: ask for the child's map with since"))
	case !r.Since.IsZero() && r.Since.After(r.AsOf):
		probs = append(probs, graph.Invalid("since", "must not be after as_of"))
	}
	if _, err := viz.ParseAudience(string(r.Audience)); err != nil {
		probs = append(probs, graph.Invalid("audience", "must be professional, family or child"))
	}
	return probs.Err()
}

// MapStore is what maps are drawn from.
type MapStore interface {
	Network(ctx context.Context, child graph.ID, asOf graph.Date) (*graph.Network, error)
	SiblingNetwork(ctx context.Context, child graph.ID, asOf graph.Date) (*graph.Network, error)
}

// MapDOT draws the map r asks for as DOT, read from st: the API's map
// routes, the web pages and `kinmap render` all draw through it.
func MapDOT(ctx context.Context, st MapStore, r MapRequest) ([]byte, error) {
	return mapDOT(ctx, st, r, nil, nil)
}

// mapDOT is MapDOT with the network as of r.AsOf (n, of the child's
// network or of the sibling group's as r asks) and its flags when
// already worked out (nil: load, compute).
func mapDOT(ctx context.Context, st MapStore, r MapRequest, n *graph.Network, flags []analysis.Flag) ([]byte, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if n == nil {
		var err error
		if r.Group {
			n, err = st.SiblingNetwork(ctx, r.Child, r.AsOf)
		} else {
			n, err = st.Network(ctx, r.Child, r.AsOf)
		}
		if err != nil {
			return nil, err
		}
	}
	if flags == nil {
		flags = analysis.Flags(n, r.options())
	}
	in := viz.Input{Network: n, Flags: flags, Audience: r.Audience, Generated: r.Generated}
	switch {
	case r.Group:
		return viz.SiblingGroupDOT(in, siblingGroupOf(n))
	case !r.Since.IsZero():
		before, err := st.Network(ctx, r.Child, r.Since)
		if err != nil {
			return nil, err
		}
		return viz.ReviewDOT(in, before, analysis.Review(before, n))
	}
	return viz.ChildMapDOT(in)
}

// siblingGroupOf is the sibling group of n's child (n a sibling
// network): a group of one when no brothers or sisters are recorded.
func siblingGroupOf(n *graph.Network) analysis.SiblingGroup {
	g, ok := analysis.SiblingGroupOf(n, n.Child)
	if !ok {
		g = analysis.SiblingGroup{Members: []analysis.GroupMember{{Person: n.Child}}, Status: analysis.NotApplicable}
	}
	return g
}

// options are the thresholds r's flags are computed with.
func (r MapRequest) options() analysis.Options {
	if r.Options != nil {
		return *r.Options
	}
	return analysis.DefaultOptions()
}
