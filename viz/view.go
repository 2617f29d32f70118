package viz

import (
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// The view types hold what one audience may see of a map, already worded
// and shortened. They are built by the redactor (redact.go, childview.go,
// siblingview.go, review.go) and are all that the DOT code (childmap.go,
// siblingmap.go, legend.go) receives: it never touches graph records.

// group is the kind of a connection, for colour, shape and place.
type group int

// Groups, in the order they go round the map clockwise from the top.
const (
	groupSiblings group = iota
	groupFamily
	groupCarers
	groupFriends
	groupProfessionals
	groupPets
	groupOther
	numGroups
)

// lineState is how a connection is drawn.
type lineState int

// Line states: those of a connection map, then those of a review map.
const (
	lineStrong     lineState = iota // lives together, weekly or fortnightly: solid, thick
	lineRegular                     // monthly: solid
	lineTenuous                     // occasional: dashed
	lineRestricted                  // under a restriction: double line, bar at the person
	lineLost                        // no recent contact, or none arranged: dotted grey
	lineEnded                       // relationship ended: dotted light grey
	lineUnknown                     // nothing arranged or recorded: thin grey
	lineUnrecorded                  // only a flag links them: dashed grey
	lineGained                      // review: new
	lineLostReview                  // review: ended
	lineDropped                     // review: contact dropped
	lineChanged                     // review: other change
	lineUnchanged                   // review: no change
	lineInferred                    // sibling map: a sibling only through a shared parent, not yet recorded: dashed
	numLines
)

// badge is a short note on a person: a flag or a change.
type badge struct {
	text     string
	severity analysis.Severity // "" for a neutral badge
}

// personView is one person on a map.
type personView struct {
	node        string // opaque DOT id: n1, n2, ...
	name        string
	roles       string // "Grandparent, kinship carer"
	age         string
	home        []string // where they live
	words       string   // the child's own words
	contact     []string // arrangement, last contact
	restriction []string // professional detail of a restriction
	separation  []string // separation note
	notes       string
	badges      []badge
	group       group
	ring        int // 1 closest, 2 close, 3 further, 4 not yet placed
	line        lineState
	focus       bool // the child the map is about
	// who and via stay inside viz (never written to DOT): the person's
	// record id and the go-between their contact goes through (via.go).
	who, via graph.ID
}

// legendRow is one row of a legend: a swatch (a group's node, or a
// line style) and its words.
type legendRow struct {
	group  group // when isGrp
	line   lineState
	groups []group // the groups whose lines have the style (a child's map colours lines by group)
	text   string
	isGrp  bool
}

// mapView is everything a radial map (connection or review) draws.
type mapView struct {
	aud      Audience
	title    string // visible title
	subtitle string // dates
	a11y     string // <title> of the SVG
	desc     string // <desc> of the SVG: the map as text
	child    personView
	people   []personView
	legend   []legendRow
	findings []string // numbered flag explanations (professional only)
	rings    [5]string
}
