package viz

import (
	"fmt"
	"strings"

	"github.com/kinmap/kinmap/graph"
)

// Audience is who a map is for. Each audience sees an explicit list of
// fields (see redact.go); everything else is left out before any DOT is
// written.
type Audience string

// Audiences.
const (
	// Professional maps show everything the requesting user may see: the
	// caller passes a network already limited to that user's permissions.
	Professional Audience = "professional"
	// Family maps are for plans shared with the birth family: no
	// addresses, no locality or name of a confidential household, no
	// surnames of carers in one, no detail of people whose contact is
	// restricted, no notes, no reasons.
	Family Audience = "family"
	// Child maps are for "My Connections Plan": first names or the name
	// the child uses, the child's own words, warm styling and larger
	// text, no risk language, no restrictions, no addresses.
	Child Audience = "child"
)

// Audiences lists every audience.
var Audiences = []Audience{Professional, Family, Child}

// ParseAudience reads an audience name; an unknown one is an error
// wrapping graph.ErrInvalid.
func ParseAudience(s string) (Audience, error) {
	a := Audience(strings.ToLower(strings.TrimSpace(s)))
	switch a {
	case Professional, Family, Child:
		return a, nil
	}
	return "", graph.Invalid("audience", "must be one of professional, family, child")
}

// Format is an output format of Renderer.Render.
type Format string

// Formats.
const (
	SVG Format = "svg" // primary: accessible, sanitised, for embedding in plans
	PNG Format = "png"
	DOT Format = "dot" // the DOT source itself, unchanged
)

// ParseFormat reads a format name; an unknown one is an error wrapping
// graph.ErrInvalid.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	switch f {
	case SVG, PNG, DOT:
		return f, nil
	}
	return "", graph.Invalid("format", "must be one of svg, png, dot")
}

// ContentType returns the media type of the format.
func (f Format) ContentType() string {
	switch f {
	case SVG:
		return "image/svg+xml"
	case PNG:
		return "image/png"
	case DOT:
		return "text/vnd.graphviz; charset=utf-8"
	}
	return "application/octet-stream"
}

func (a Audience) valid() error {
	switch a {
	case Professional, Family, Child:
		return nil
	}
	return fmt.Errorf("viz: %w", graph.Invalid("audience", "must be one of professional, family, child"))
}
