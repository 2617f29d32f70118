package viz

// MaxPageWidth is the widest an SVG says it is, in points, unless its
// text would then print too small: about the printable width of a
// landscape A4 page. Larger maps are scaled down to it (the viewBox keeps
// every detail for zooming), but never so far that their smallest text
// prints below the map's minimum (kinmap_min_text, in points): a map that
// would need that is declared wider than the page instead. The layouts
// keep maps within the page (widthBudget, style.go).
const MaxPageWidth = 720.0

// maxPageWidth is MaxPageWidth.
const maxPageWidth = MaxPageWidth

// EscapeText is s as XML character data, as the DOT writers put text in
// labels: control and bidirectional override characters dropped, and
// & < > " ' escaped. viz/render writes a map's <title> and <desc> with it.
func EscapeText(s string) string { return string(esc(s)) }
