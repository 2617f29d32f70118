package neo4jstore

import (
	"context"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// reportPage is one page of the report's projection: the people with ids
// from $lo up to (not including) $hi (an index range seek: Neo4j sorts
// nothing and holds one page at a time), in one row of positional lists,
// no maps and no names:
//
//	[id, pet, looked-after details or null, relationships, homes, last contacts]
//	looked-after details: [date_of_birth, age_band, looked_after_since, looked_after_until]
//	relationships: the person's outgoing sibling and parent relationships
//	  (Go keeps those the report reads: siblings current at the date,
//	  parents started by then; a date test per relationship costs Neo4j
//	  more than shipping the few others):
//	  [to, sibling?, since, until, separation_reason, history,
//	   contact_mode, contact_frequency, restriction_kind, restriction_since]
//	homes (looked-after people only): residences begun by the date, the
//	  one covering it and those ended before it (the breakdowns' "ever
//	  lived together"), in one walk of the person's relationships:
//	  [household, household kind, from, until, council area]
//	last contacts (looked-after people only): per looked-after person
//	  they had contact with (as the contact's from), the last date by then:
//	  [to, date]
//
// Few large rows rather than many small ones: shipping a row costs far
// more than reading it (at 12,000 children, 75,000 one-value rows take
// five times as long as one row holding the same values).
const reportPage = `MATCH (p:Person) WHERE p.id >= $lo AND p.id < $hi
WITH p, CASE WHEN p.looked_after THEN COLLECT { MATCH (p)-[k:CONTACT]->(b:Person)
     WHERE b.looked_after AND ($asOf IS NULL OR k.date <= $asOf) WITH b, max(k.date) AS d RETURN [b.id, d] } END AS contacts
RETURN collect([p.id, p.pet,
  CASE WHEN p.looked_after THEN [p.date_of_birth, p.age_band, p.looked_after_since, p.looked_after_until] END,
  [(p)-[r:CONNECTED]->(b) WHERE r.kind IN ['sibling', 'parent']
     | [b.id, r.kind = 'sibling', r.since, r.until, r.separation_reason, r.history,
        r.contact_mode, r.contact_frequency, r.restriction_kind, r.restriction_since]],
  CASE WHEN p.looked_after THEN [(p)-[l:LIVES_IN]->(h) WHERE $asOf IS NULL OR l.from IS NULL OR l.from <= $asOf
     | [h.id, h.kind, l.from, l.until, h.council_area]] END,
  contacts]) AS rows`

// ReportAuthority returns the authority as the sibling placement report
// reads it at asOf, as one state of the store (loadProjection): every person (looked-after
// ones with their dates of birth and care episodes, the others with their
// id and pet flag only), the sibling relationships current at the date
// (with the separation recorded as of then) and the parent relationships
// started by then, and the residences of looked-after people covering the
// date with their households' kinds. Names, notes, contacts, assignments
// and everything else the report does not read stay in Neo4j; records
// come in no particular order. analysis.SiblingPlacementReport gives the
// same figures over it as over Authority (a test checks).
func (s *Store) ReportAuthority(ctx context.Context, asOf graph.Date) (*graph.Network, error) {
	var date any
	if !asOf.IsZero() {
		date = neo4j.DateOf(asOf.Time())
	}
	return s.loadProjection(ctx, asOf, reportPage, map[string]any{"asOf": date},
		func(out *graph.Network, kinds map[graph.ID]graph.Household, row []any) {
			addReportPerson(out, kinds, row, asOf)
		})
}

// addReportPerson adds one person's row of the projection (see reportPage).
func addReportPerson(out *graph.Network, kinds map[graph.ID]graph.Household, v []any, asOf graph.Date) {
	p := projectedPerson(v)
	out.People = append(out.People, p)
	rels, _ := v[3].([]any)
	for _, x := range rels {
		w := x.([]any)
		r := projectedRelationship(p.ID, w)
		if !reportReads(r, asOf) {
			continue
		}
		if h := str(w[5]); r.Kind == graph.RelSibling && h != "" && !asOf.IsZero() {
			r.History, _ = historyFrom(row{"history": h})
			r = r.AsOf(asOf)
		}
		out.Relationships = append(out.Relationships, r)
	}
	homes, _ := v[4].([]any)
	addProjectedHomes(out, kinds, p.ID, homes)
	contacts, _ := v[5].([]any)
	for _, x := range contacts {
		w := x.([]any)
		out.Contacts = append(out.Contacts, graph.Contact{From: p.ID, To: str(w[0]), Date: date0(w[1])})
	}
}

// reportReads reports whether the report reads relationship r at asOf
// (zero: every one): a sibling relationship current then, a parent one
// started by then.
func reportReads(r graph.Relationship, asOf graph.Date) bool {
	switch {
	case asOf.IsZero():
		return true
	case !r.Since.IsZero() && r.Since.After(asOf):
		return false
	case r.Kind == graph.RelSibling:
		return r.Until.IsZero() || !r.Until.Before(asOf)
	}
	return true
}

// projectedPerson is the person of a projection row: [id, pet,
// looked-after details or null, ...].
func projectedPerson(v []any) graph.Person {
	p := graph.Person{ID: str(v[0])}
	p.Pet, _ = v[1].(bool)
	if la, ok := v[2].([]any); ok {
		p.LookedAfter = true
		p.DateOfBirth, p.AgeBand, p.LookedAfterSince, p.LookedAfterUntil = date0(la[0]), graph.AgeBand(str(la[1])), date0(la[2]), date0(la[3])
	}
	return p
}

// projectedRelationship is one relationship of a projection row, without
// its history: [to, sibling?, since, until, separation_reason, history,
// contact_mode, contact_frequency, restriction_kind, restriction_since].
func projectedRelationship(from graph.ID, w []any) graph.Relationship {
	r := graph.Relationship{From: from, To: str(w[0]), Kind: graph.RelParent, Since: date0(w[2]), Until: date0(w[3])}
	if sib, _ := w[1].(bool); !sib {
		return r
	}
	r.Kind = graph.RelSibling
	if reason := str(w[4]); reason != "" {
		r.Separation = &graph.Separation{Reason: graph.SeparationReason(reason)}
	}
	if mode := str(w[6]); mode != "" {
		r.Contact = &graph.Arrangement{Mode: graph.ContactMode(mode), Frequency: graph.Frequency(str(w[7]))}
	}
	if kind := str(w[8]); kind != "" {
		r.Restriction = &graph.Restriction{Kind: graph.RestrictionKind(kind), Since: date0(w[9])}
	}
	return r
}

// addProjectedHomes adds a person's residences of a projection row
// ([household, household kind, from, until, council area] each) and
// their households to kinds.
func addProjectedHomes(out *graph.Network, kinds map[graph.ID]graph.Household, person graph.ID, homes []any) {
	for _, x := range homes {
		w := x.([]any)
		h := str(w[0])
		out.Residences = append(out.Residences, graph.Residence{Person: person, Household: h, From: date0(w[2]), Until: date0(w[3])})
		kinds[h] = graph.Household{ID: h, Kind: graph.HouseholdKind(str(w[1])), CouncilArea: graph.CouncilArea(str(w[4]))}
	}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func date0(v any) graph.Date {
	if d, ok := v.(neo4j.Date); ok {
		return graph.DateOf(d.Time())
	}
	return graph.Date{}
}
