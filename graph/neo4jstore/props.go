package neo4jstore

import (
	"encoding/json"
	"fmt"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// props is a property map for SET x = $props. Zero values become nil, so
// that Neo4j stores no property rather than an empty one.
type props map[string]any

func (p props) str(k, v string) {
	if v != "" {
		p[k] = v
	} else {
		p[k] = nil
	}
}

func (p props) flag(k string, v bool) {
	if v {
		p[k] = true
	} else {
		p[k] = nil
	}
}

func (p props) date(k string, d graph.Date) {
	if d.IsZero() {
		p[k] = nil
	} else {
		p[k] = neo4j.DateOf(d.Time())
	}
}

// row reads values out of a map projection (n{.*}).
type row map[string]any

func (r row) str(k string) string {
	s, _ := r[k].(string)
	return s
}

func (r row) flag(k string) bool {
	b, _ := r[k].(bool)
	return b
}

func (r row) date(k string) graph.Date {
	if d, ok := r[k].(neo4j.Date); ok {
		return graph.DateOf(d.Time())
	}
	return graph.Date{}
}

func asRow(v any) row {
	m, _ := v.(map[string]any)
	return row(m)
}

func asRows(v any) []row {
	list, _ := v.([]any)
	out := make([]row, 0, len(list))
	for _, x := range list {
		out = append(out, asRow(x))
	}
	return out
}

func personProps(p graph.Person) props {
	m := props{"id": p.ID}
	m.str("full_name", p.FullName)
	m.str("known_as", p.KnownAs)
	m.flag("pet", p.Pet)
	m.date("date_of_birth", p.DateOfBirth)
	m.str("age_band", string(p.AgeBand))
	m.flag("looked_after", p.LookedAfter)
	m.date("looked_after_since", p.LookedAfterSince)
	m.date("looked_after_until", p.LookedAfterUntil)
	m.str("notes", p.Notes)
	return m
}

func personFrom(r row) graph.Person {
	return graph.Person{ID: r.str("id"), FullName: r.str("full_name"), KnownAs: r.str("known_as"),
		Pet: r.flag("pet"), DateOfBirth: r.date("date_of_birth"), AgeBand: graph.AgeBand(r.str("age_band")),
		LookedAfter: r.flag("looked_after"), LookedAfterSince: r.date("looked_after_since"),
		LookedAfterUntil: r.date("looked_after_until"), Notes: r.str("notes")}
}

func householdProps(h graph.Household) props {
	m := props{"id": h.ID}
	m.str("kind", string(h.Kind))
	m.str("name", h.Name)
	m.str("locality", h.Locality)
	m.str("address", h.Address)
	m.flag("confidential", h.Confidential)
	m.str("notes", h.Notes)
	m.str("council_area", string(h.CouncilArea))
	return m
}

func householdFrom(r row) graph.Household {
	return graph.Household{ID: r.str("id"), Kind: graph.HouseholdKind(r.str("kind")), Name: r.str("name"),
		Locality: r.str("locality"), Address: r.str("address"), Confidential: r.flag("confidential"), Notes: r.str("notes"),
		CouncilArea: graph.CouncilArea(r.str("council_area"))}
}

// residenceProps holds the LIVES_IN properties plus the two ends, which
// the queries use to match nodes and do not store on the relationship.
func residenceProps(r graph.Residence) props {
	m := props{"id": r.ID}
	m.date("from", r.From)
	m.date("until", r.Until)
	return m
}

func residenceFrom(r row) graph.Residence {
	return graph.Residence{ID: r.str("id"), Person: r.str("person"), Household: r.str("household"),
		From: r.date("from"), Until: r.date("until")}
}

func relationshipProps(r graph.Relationship) props {
	m := props{"id": r.ID}
	m.str("kind", string(r.Kind))
	m.str("sibling_type", string(r.SiblingType))
	m.date("since", r.Since)
	m.date("until", r.Until)
	for prefix, v := range map[string]*graph.View{"from": r.FromView, "to": r.ToView} {
		if v == nil {
			v = &graph.View{}
		}
		m.str(prefix+"_circle", string(v.Circle))
		m.str(prefix+"_words", v.Words)
	}
	c := r.Contact
	if c == nil {
		c = &graph.Arrangement{}
	}
	m.str("contact_mode", string(c.Mode))
	m.str("contact_frequency", string(c.Frequency))
	m.flag("contact_supervised", c.Supervised)
	m.str("contact_via", c.Via)
	x := r.Restriction
	if x == nil {
		x = &graph.Restriction{}
	}
	m.str("restriction_kind", string(x.Kind))
	m.str("restriction_basis", string(x.Basis))
	m.str("restriction_reason", x.Reason)
	m.date("restriction_since", x.Since)
	s := r.Separation
	if s == nil {
		s = &graph.Separation{}
	}
	m.str("separation_reason", string(s.Reason))
	m.str("separation_detail", s.Detail)
	m.date("separation_decided", s.Decided)
	m.str("notes", r.Notes)
	m.str("history", historyText(r.History))
	m.str("said", jsonText(r.Said, len(r.Said) == 0))
	return m
}

// historyText is a relationship's history as stored: one property of
// JSON text (Neo4j properties cannot hold maps), "" when there is none.
func historyText(h []graph.Version) string {
	if len(h) == 0 {
		return ""
	}
	b, _ := json.Marshal(h) // plain values and dates: cannot fail
	return string(b)
}

// historyFrom reads the stored history of a relationship row.
func historyFrom(r row) ([]graph.Version, error) {
	text := r.str("history")
	if text == "" {
		return nil, nil
	}
	var h []graph.Version
	if err := json.Unmarshal([]byte(text), &h); err != nil {
		return nil, fmt.Errorf("stored history of relationship %q: %w", r.str("id"), err)
	}
	return h, nil
}

// relationshipFrom reads a relationship row. A stored history that does
// not decode (kinmap writes it, so never in practice) reads as none here;
// UpdateRelationship reads it with historyFrom and refuses to go on.
func relationshipFrom(r row) graph.Relationship {
	out := graph.Relationship{ID: r.str("id"), From: r.str("from"), To: r.str("to"),
		Kind: graph.RelKind(r.str("kind")), SiblingType: graph.SiblingType(r.str("sibling_type")),
		Since: r.date("since"), Until: r.date("until"), Notes: r.str("notes")}
	view := func(prefix string) *graph.View {
		v := graph.View{Circle: graph.Circle(r.str(prefix + "_circle")), Words: r.str(prefix + "_words")}
		if v == (graph.View{}) {
			return nil
		}
		return &v
	}
	out.FromView, out.ToView = view("from"), view("to")
	if mode := r.str("contact_mode"); mode != "" {
		out.Contact = &graph.Arrangement{Mode: graph.ContactMode(mode),
			Frequency: graph.Frequency(r.str("contact_frequency")), Supervised: r.flag("contact_supervised"), Via: r.str("contact_via")}
	}
	if kind := r.str("restriction_kind"); kind != "" {
		out.Restriction = &graph.Restriction{Kind: graph.RestrictionKind(kind),
			Basis: graph.RestrictionBasis(r.str("restriction_basis")), Reason: r.str("restriction_reason"),
			Since: r.date("restriction_since")}
	}
	if reason := r.str("separation_reason"); reason != "" {
		out.Separation = &graph.Separation{Reason: graph.SeparationReason(reason),
			Detail: r.str("separation_detail"), Decided: r.date("separation_decided")}
	}
	out.History, _ = historyFrom(r)
	if text := r.str("said"); text != "" {
		_ = json.Unmarshal([]byte(text), &out.Said) // kinmap writes it: never fails in practice
	}
	return out
}

func contactProps(c graph.Contact) props {
	m := props{"id": c.ID}
	m.date("date", c.Date)
	m.str("kind", string(c.Kind))
	m.str("notes", c.Notes)
	return m
}

func contactFrom(r row) graph.Contact {
	return graph.Contact{ID: r.str("id"), From: r.str("from"), To: r.str("to"), Date: r.date("date"),
		Kind: graph.ContactKind(r.str("kind")), Notes: r.str("notes")}
}

func assignmentProps(a graph.Assignment) props {
	m := props{"id": a.ID}
	m.str("team", a.Team)
	m.date("since", a.Since)
	m.date("until", a.Until)
	return m
}

func assignmentFrom(r row) graph.Assignment {
	return graph.Assignment{ID: r.str("id"), Worker: r.str("worker"), Child: r.str("child"),
		Team: r.str("team"), Since: r.date("since"), Until: r.date("until")}
}
