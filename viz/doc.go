// Package viz draws kinmap's maps: it turns a domain snapshot
// (graph.Network) and analysis results into DOT, and renders DOT to SVG
// or PNG with go-graphviz (Graphviz compiled to WASM, in process: no dot
// binary at run time).
//
// # Maps
//
//   - ChildMapDOT: a child's connection map (an ecomap). The child at the
//     centre, people on the child's own circles of closeness (closest,
//     close, further; people the child has not placed yet are in a
//     labelled band below the circles, not on an outer ring where they
//     would read as the least close), in sectors by kind (brothers and
//     sisters at the top,
//     then parents and family, carers, friends, professionals, pets,
//     others), lines styled by the state of the connection: strong
//     (living together, weekly or fortnightly contact) solid and thick,
//     regular solid, tenuous dashed, restricted a double vermilion line
//     with a bar at the person, lost dotted grey, ended dotted pale grey.
//     Flags are written on the people they concern and, for
//     professionals, listed with their explanations.
//   - SiblingGroupDOT: every member of a sibling group in boxes for the
//     homes they live in on the date, with the child's own words about
//     each, lines between them for their contact; lines between homes are
//     numbered and described in the key.
//   - ReviewDOT: the connection map between two dates, with gained (thick
//     solid), lost (dotted, a bar at the person), reduced (dashed) and
//     changed (double) connections styled and written out after a mark
//     (+, −, ↓, ↔, ~).
//
// Every map has a title with the child's name as the audience allows,
// the as-of date, a generated-on date (an input, never the clock), a key
// that explains every box and line style on the map and nothing else (a
// map with no one on it has none; on a child's map, where lines take the
// colour of the person's group, a line sample shows each colour used),
// and an accessible <title> and <desc> (the map as text) in the SVG.
//
// # Audiences and redaction
//
// Redaction is part of drawing. redact.go holds an explicit allow-list of
// fields per Audience (Professional, Family, Child); the view builders
// (childview.go, siblingview.go, review.go) copy a value onto the map only
// when its field is allowed, and the DOT writers (childmap.go,
// siblingmap.go, legend.go) only ever see those views. Family maps have no
// addresses, no name or locality of a confidential household, no surnames
// of carers (or others not birth family) living in one, no detail of
// people whose contact with the child is restricted (nor the name or
// locality of their home, on anyone's node), no notes, no reasons.
// Child maps use first names, the child's own words, warm styling, and no
// risk language. Free text a non-professional sees is also scrubbed of the
// protected words (a second line of defence). The tests render every
// fixture family for every audience and look for every confidential
// string in the DOT and the SVG.
//
// # Layout
//
// Maps are embedded in A4 plans, so they are drawn for the page: text is
// in whole points (Graphviz drops fractions of a point), and each
// audience's smallest text must print at least minPrintedText (7pt; 9pt
// on a child's map) when the map is shrunk to maxPageWidth. That gives a
// width budget in points (widthBudget, style.go) that layouts keep within,
// growing taller instead: the key and findings go below the drawing when
// they do not fit beside it, and the SVG declares its size from the
// content (viz/render, svgsafe.go).
//
// The radial maps are laid out here (radial.go): sectors per group, rings
// per circle, each ring as small as it can be with nobody overlapping and
// no circle passing behind a person on another circle, outer people
// staggered between inner ones. A few ring shapes (circles first, then
// slight ellipses) and pulls of outer people towards the top and bottom
// are tried, and the smallest drawing within the budget kept. People with
// no circle recorded are placed in rows in a band below (band.go). The
// sibling map places home boxes round an ellipse as wide as the budget
// allows (siblingmap.go). Graphviz runs layout "nop2": it keeps the
// positions, routes lines round the nodes (splines=true) and draws. Two
// rules keep routing working: no node may touch or contain another (Graphviz
// then silently falls back to straight lines through people; keep 10 points
// between nodes, TestLayoutNoOverlap checks), and decorations (circles,
// home boxes, key samples) are edges with fixed positions, not nodes.
//
// # Safety of the output
//
// DOT is written by dotWriter (dotwriter.go): identifiers are kinmap's own
// (n1, k3, ... never ids from the record, and the graph is called
// "kinmap", since Graphviz copies both into the SVG); user text reaches DOT
// only through HTML-like labels built by html.go, which XML-escapes it,
// doubles backslashes (Graphviz expands \N and \G even in HTML labels),
// drops control and bidirectional override characters and shortens long
// text with an ellipsis. Graphviz silently drops an HTML label it cannot
// parse, so the writers never emit empty elements. viz is pure: it
// writes DOT and never runs Graphviz; viz/render (its own doc.go) draws
// DOT as SVG or PNG and sanitises the SVG.
// Text widths are estimated from Helvetica's metrics (textwidth.go); the
// facts a line between two people rests on are worked out in facts.go.
//
// # Tests
//
// Golden DOT files are in testdata/ (go test ./viz/ -run TestGoldenDOT
// -update rewrites them through internal/golden; read the diff). Tests
// that draw maps use viz/render through renderhook_test.go (viz/render
// imports viz, so viz's own test files cannot import it back). Several tests render every map of
// every looked-after child of every fixture family for every audience
// (fixturemaps_test.go): no overlapping nodes, printed text size, key
// against map, no confidential strings. VIZ_LOOK=/some/dir go test
// ./viz/ -run TestLook writes every map of every family for every
// audience as DOT, SVG and PNG (VIZ_LOOK_FORMATS picks), to look at.
// scripts/bench-maps.sh compares the renderer with the dot command on
// maps it writes to a temporary directory.
package viz
