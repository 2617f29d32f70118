package neo4jstore

import (
	"context"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// fullPage is one page of the report's projection: the people with ids
// from $lo up to (not including) $hi (an index range seek: Neo4j sorts
// nothing and holds one page at a time), in one row of positional lists,
// no maps and no names, for every date at once (a report or a series
// picks its dates in Go: a date test per relationship costs Neo4j more
// than shipping the few others):
//
//	[id, pet, looked-after details or null, relationships, homes, contacts]
//	looked-after details: [date_of_birth, age_band, looked_after_since, looked_after_until]
//	relationships: the person's outgoing sibling and parent relationships:
//	  [to, sibling?, since, until, separation_reason, history,
//	   contact_mode, contact_frequency, restriction_kind, restriction_since]
//	homes (looked-after people only), in one walk of the person's
//	  relationships: [household, household kind, from, until, council area]
//	contacts (looked-after people only): per looked-after person they
//	  had contact with (as the contact's from), every date: [to, [date, ...]]
//
// Few large rows rather than many small ones: shipping a row costs far
// more than reading it (at 12,000 children, 75,000 one-value rows take
// five times as long as one row holding the same values). The kind test
// is on coalesce(r.kind, ""), not r.kind, so that no plan can seek the
// connected_kind index for each person: right after an import, while the
// index's statistics are stale, the planner chose that (every sibling and
// parent relationship scanned per person: 4 s for one page of 5,000
// people, against 0.14 s expanding from the person).
const fullPage = `MATCH (p:Person) WHERE p.id >= $lo AND p.id < $hi
WITH p, CASE WHEN p.looked_after THEN COLLECT { MATCH (p)-[k:CONTACT]->(b:Person)
     WHERE b.looked_after WITH b, collect(k.date) AS ds RETURN [b.id, ds] } END AS contacts
RETURN collect([p.id, p.pet,
  CASE WHEN p.looked_after THEN [p.date_of_birth, p.age_band, p.looked_after_since, p.looked_after_until] END,
  [(p)-[r:CONNECTED]->(b) WHERE coalesce(r.kind, '') IN ['sibling', 'parent']
     | [b.id, r.kind = 'sibling', r.since, r.until, r.separation_reason, r.history,
        r.contact_mode, r.contact_frequency, r.restriction_kind, r.restriction_since]],
  CASE WHEN p.looked_after THEN [(p)-[l:LIVES_IN]->(h) | [h.id, h.kind, l.from, l.until, h.council_area]] END,
  contacts]) AS rows`

// ReportAuthority returns the authority as the sibling placement report
// reads it at asOf (zero: every record), from the report's projection of
// one state of the store (projection): every person (looked-after ones
// with their dates of birth and care episodes, the others with their id
// and pet flag only), the sibling relationships current at the date (with
// the separation recorded as of then) and the parent relationships
// started by then, the residences of looked-after people begun by then
// with their households' kinds and council areas, and the last contact
// by then between two looked-after people. Names, notes, assignments and
// everything else the report does not read stay in Neo4j; records come
// in no particular order. analysis.SiblingPlacementReport gives the same
// figures over it as over Authority (a test checks).
func (s *Store) ReportAuthority(ctx context.Context, asOf graph.Date) (*graph.Network, error) {
	return s.projectedNetwork(ctx, asOf, func(out *graph.Network, kinds map[graph.ID]graph.Household, r *projectedRow) {
		addReportRow(out, kinds, r, asOf)
	})
}

// addReportRow adds what the report reads at asOf of one person's row.
func addReportRow(out *graph.Network, kinds map[graph.ID]graph.Household, r *projectedRow, asOf graph.Date) {
	out.People = append(out.People, r.person)
	for _, x := range r.rels {
		rel := x.rel
		if !reportReads(rel, asOf) {
			continue
		}
		if x.history != "" && !asOf.IsZero() {
			rel.History, _ = historyFrom(row{"history": x.history})
			rel = rel.AsOf(asOf)
		}
		out.Relationships = append(out.Relationships, rel)
	}
	addRowHomes(out, kinds, r, asOf)
	for _, c := range r.contacts {
		var last graph.Date
		for _, d := range c.dates {
			if (asOf.IsZero() || !d.After(asOf)) && d.After(last) {
				last = d
			}
		}
		if !last.IsZero() {
			out.Contacts = append(out.Contacts, graph.Contact{From: r.person.ID, To: c.to, Date: last})
		}
	}
}

// addRowHomes adds a row's residences begun by asOf (zero: all), those
// ended before it too (the breakdowns' "ever lived together"), and their
// households to kinds.
func addRowHomes(out *graph.Network, kinds map[graph.ID]graph.Household, r *projectedRow, asOf graph.Date) {
	for _, h := range r.homes {
		if !asOf.IsZero() && h.res.From.After(asOf) {
			continue
		}
		out.Residences = append(out.Residences, h.res)
		kinds[h.household.ID] = h.household
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
