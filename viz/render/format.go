package render

import "github.com/kinmap/kinmap/viz"

// Format is a map's output format: viz's, so that a view's DOT goes to
// Render as viz writes it.
type Format = viz.Format

// The formats Render takes.
const (
	SVG = viz.SVG
	PNG = viz.PNG
	DOT = viz.DOT
)
