package viz

import "github.com/kinmap/kinmap/graph/analysis"

// The palette is Okabe and Ito's colour-blind-safe set. Colour is never
// the only cue: every person's node says their role in words, every line
// style differs in dash, width or doubling, and flags are written out.
// On a review map: gained thick solid, lost dotted with a bar at the
// person, contact dropped dashed, changed a double line, no change thin
// and pale; the change is also written on the person after its mark
// (+, −, ↓, ↔, ~).
const (
	okOrange    = "#E69F00"
	okSky       = "#56B4E9"
	okGreen     = "#009E73"
	okYellow    = "#F0E442"
	okBlue      = "#0072B2"
	okVermilion = "#D55E00"
	okPurple    = "#CC79A7"
	inkColour   = "#1A1A1A"
	softInk     = "#4D4D4D"
	greyLine    = "#8C8C8C"
	paleLine    = "#B3B3B3"
	ringColour  = "#C8C8C8"
	fontName    = "Helvetica"
)

// groupStyle is how a group's people are drawn: a light fill and a
// border in the group's colour, and a border style of its own.
type groupStyle struct {
	fill, border string
	style        string // Graphviz node style
	peripheries  int
	penwidth     float64
}

var groupStyles = [numGroups]groupStyle{
	groupSiblings:      {fill: "#FCE8BD", border: "#B57D00", style: "rounded,filled,bold", peripheries: 1, penwidth: 2.5},
	groupFamily:        {fill: "#D9EEFA", border: "#2B83BA", style: "rounded,filled", peripheries: 1, penwidth: 1.5},
	groupCarers:        {fill: "#C7EBDF", border: okGreen, style: "rounded,filled", peripheries: 2, penwidth: 1.5},
	groupFriends:       {fill: "#FBF6C8", border: "#A69A00", style: "rounded,filled,dashed", peripheries: 1, penwidth: 1.5},
	groupProfessionals: {fill: "#F4E0EB", border: "#A64D80", style: "filled", peripheries: 1, penwidth: 1.5},
	groupPets:          {fill: "#CCE3F0", border: okBlue, style: "rounded,filled,dotted", peripheries: 1, penwidth: 2},
	groupOther:         {fill: "#EBEBEB", border: "#7A7A7A", style: "rounded,filled", peripheries: 1, penwidth: 1.5},
}

// lineStyle is how a line state is drawn.
type lineStyle struct {
	color    string // may be a Graphviz colour list ("a:invis:a" draws a double line)
	style    string
	penwidth float64
	head     string // arrowhead at the person's end; "" for none
}

var lineStyles = [numLines]lineStyle{
	lineStrong:     {color: inkColour, style: "solid", penwidth: 4.5},
	lineRegular:    {color: inkColour, style: "solid", penwidth: 2.5},
	lineTenuous:    {color: inkColour, style: "dashed", penwidth: 2},
	lineRestricted: {color: okVermilion + ":invis:" + okVermilion, style: "solid", penwidth: 1.6, head: "tee"},
	lineLost:       {color: greyLine, style: "dotted", penwidth: 2.5},
	lineEnded:      {color: paleLine, style: "dotted", penwidth: 1.5},
	lineUnknown:    {color: paleLine, style: "solid", penwidth: 1},
	lineUnrecorded: {color: greyLine, style: "dashed", penwidth: 1},
	lineGained:     {color: okGreen, style: "solid", penwidth: 4},
	lineLostReview: {color: greyLine, style: "dotted", penwidth: 2.5, head: "tee"},
	lineDropped:    {color: okVermilion, style: "dashed", penwidth: 2.5},
	lineChanged:    {color: okBlue + ":invis:" + okBlue, style: "solid", penwidth: 1.6},
	lineUnchanged:  {color: paleLine, style: "solid", penwidth: 1},
	lineInferred:   {color: inkColour, style: "dashed", penwidth: 1.5},
}

// childLine is the warmer line of a child's map: the group's colour, and
// the same dash language without the grey of "risk".
func childLine(s lineState, g group) lineStyle {
	ls := lineStyles[s]
	c := groupStyles[g].border
	switch s {
	case lineStrong, lineRegular, lineTenuous, lineGained, lineDropped:
		ls.color = c
	case lineChanged:
		ls.color = c + ":invis:" + c
	case lineLost, lineEnded, lineLostReview:
		ls = lineStyle{color: c, style: "dotted", penwidth: 2.5}
	}
	return ls
}

// severityColour is the text colour of a flag badge (dark enough for
// text on a light fill; the severity is also written out).
func severityColour(s analysis.Severity) string {
	switch s {
	case analysis.High:
		return "#A63D00"
	case analysis.Medium:
		return "#7A5500"
	case analysis.Info:
		return "#005A8C"
	}
	return softInk
}

// textStyle holds the sizes of a map's text for an audience, in whole
// points: Graphviz drops the fraction of an HTML label's POINT-SIZE, so
// a fractional size would be drawn smaller than it was measured. detail
// is the smallest text on a map.
type textStyle struct {
	name, detail, words, title, subtitle, legend, ring float64
}

func textFor(aud Audience) textStyle {
	if aud == Child {
		return textStyle{name: 18, detail: 13, words: 15, title: 28, subtitle: 14, legend: 14, ring: 14}
	}
	return textStyle{name: 13, detail: 10, words: 10, title: 20, subtitle: 11, legend: 11, ring: 10}
}

// Printed text: a map is embedded in a plan at most maxPageWidth points
// wide (viz/render/svgsafe.go), and its smallest text must print at least this
// large, in points. Children's maps are read by children: larger.
func minPrintedText(aud Audience) float64 {
	if aud == Child {
		return 9
	}
	return 7
}

// graphPad is the margin Graphviz adds round a drawing, in points.
const graphPad = 0.3 * 72

// widthBudget is the widest a map's drawing may be, in points, for its
// smallest text to print at minPrintedText when the map is shrunk to the
// page. Layouts keep within it where they can: past it, a map is drawn
// taller rather than wider, and the SVG is declared wider than the page
// rather than shrunk past readable (viz/render/svgsafe.go).
func widthBudget(aud Audience) float64 {
	return maxPageWidth*textFor(aud).detail/minPrintedText(aud) - 2*graphPad
}
