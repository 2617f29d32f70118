package neo4jstore

import (
	"context"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// seriesPage is one page of the projection of a report series up to $to
// (see reportPage for the shape and the page): the same rows, but every sibling and
// parent relationship started by $to with its history, every residence
// of a looked-after person begun by then, and every date of contact
// between two looked-after people by then:
//
//	[id, pet, looked-after details or null, relationships, homes, contacts]
//	relationships: [to, sibling?, since, until, separation_reason, history,
//	  contact_mode, contact_frequency, restriction_kind, restriction_since]
//	homes: [household, household kind, from, until, council area]
//	contacts: [to, [date, ...]]
const seriesPage = `MATCH (p:Person) WHERE p.id >= $lo AND p.id < $hi
WITH p, CASE WHEN p.looked_after THEN COLLECT { MATCH (p)-[k:CONTACT]->(b:Person)
     WHERE b.looked_after AND k.date <= $to WITH b, collect(k.date) AS ds RETURN [b.id, ds] } END AS contacts
RETURN collect([p.id, p.pet,
  CASE WHEN p.looked_after THEN [p.date_of_birth, p.age_band, p.looked_after_since, p.looked_after_until] END,
  [(p)-[r:CONNECTED]->(b) WHERE r.kind IN ['sibling', 'parent'] AND (r.since IS NULL OR r.since <= $to)
     | [b.id, r.kind = 'sibling', r.since, r.until, r.separation_reason, r.history,
        r.contact_mode, r.contact_frequency, r.restriction_kind, r.restriction_since]],
  CASE WHEN p.looked_after THEN [(p)-[l:LIVES_IN]->(h) WHERE l.from IS NULL OR l.from <= $to
     | [h.id, h.kind, l.from, l.until, h.council_area]] END,
  contacts]) AS rows`

// ReportAuthoritySeries returns the authority as a series of sibling
// placement reports up to to reads it, paged like ReportAuthority:
// analysis.SeriesReport computes every date of the series from it, with
// no load per date. Relationships keep their
// history (the series applies it date by date); contacts come as every
// date of contact between two looked-after people, since each date of
// the series needs the last one before it.
func (s *Store) ReportAuthoritySeries(ctx context.Context, to graph.Date) (*graph.Network, error) {
	return s.loadProjection(ctx, to, seriesPage, map[string]any{"to": neo4j.DateOf(to.Time())}, addSeriesPerson)
}

// addSeriesPerson adds one person's row of the series projection.
func addSeriesPerson(out *graph.Network, kinds map[graph.ID]graph.Household, v []any) {
	p := projectedPerson(v)
	out.People = append(out.People, p)
	rels, _ := v[3].([]any)
	for _, x := range rels {
		w := x.([]any)
		r := projectedRelationship(p.ID, w)
		if h := str(w[5]); r.Kind == graph.RelSibling && h != "" {
			r.History, _ = historyFrom(row{"history": h})
		}
		out.Relationships = append(out.Relationships, r)
	}
	homes, _ := v[4].([]any)
	addProjectedHomes(out, kinds, p.ID, homes)
	contacts, _ := v[5].([]any)
	for _, x := range contacts {
		w := x.([]any)
		ds, _ := w[1].([]any)
		for _, d := range ds {
			out.Contacts = append(out.Contacts, graph.Contact{From: p.ID, To: str(w[0]), Date: date0(d)})
		}
	}
}
