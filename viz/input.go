package viz

import (
	"fmt"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// Input is what every map is drawn from.
type Input struct {
	// Network is the snapshot to draw, as of its AsOf date (for a review
	// map, the later snapshot). For a professional map the caller has
	// already limited it to what the requesting user may see.
	Network *graph.Network
	// Flags are the analysis findings for the child as of the same date,
	// usually analysis.Flags(Network, analysis.DefaultOptions()). They may
	// be nil; the map then shows no findings.
	Flags []analysis.Flag
	// Audience decides which fields appear (see redact.go).
	Audience Audience
	// Generated is the generated-on date printed on the map. It is an
	// input, not the clock, so the same input always gives the same map.
	Generated graph.Date
	// Child is whose map it is; empty means Network.Child.
	Child graph.ID
}

// child returns the id of the child the map is about.
func (in Input) child() graph.ID {
	if in.Child != "" {
		return in.Child
	}
	if in.Network != nil {
		return in.Network.Child
	}
	return ""
}

// check validates the input. Errors wrap graph.ErrInvalid and name no
// person.
func (in Input) check() error {
	if in.Network == nil {
		return fmt.Errorf("viz: %w", graph.Invalid("network", "is required"))
	}
	if err := in.Audience.valid(); err != nil {
		return err
	}
	if in.Network.AsOf.IsZero() {
		return fmt.Errorf("viz: %w", graph.Invalid("network.as_of", "is required"))
	}
	if in.Generated.IsZero() {
		return fmt.Errorf("viz: %w", graph.Invalid("generated", "is required"))
	}
	c := in.child()
	if c == "" {
		return fmt.Errorf("viz: %w", graph.Invalid("child", "is required"))
	}
	for i := range in.Network.People {
		if in.Network.People[i].ID == c {
			return nil
		}
	}
	return fmt.Errorf("viz: %w", graph.Invalid("child", "is not in the network"))
}
