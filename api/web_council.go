package api

import "github.com/kinmap/kinmap/graph"

// councilOptions are the choices of a household's council area: not
// recorded, then the 32 Scottish council areas by name and outside
// Scotland.
func councilOptions() []option {
	out := []option{{"", "Not recorded"}}
	for _, c := range graph.Councils {
		out = append(out, option{string(c.Code), c.Name})
	}
	return out
}
