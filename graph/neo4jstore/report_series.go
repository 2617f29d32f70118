package neo4jstore

import (
	"context"

	"github.com/kinmap/kinmap/graph"
)

// ReportAuthoritySeries returns the authority as a series of sibling
// placement reports up to to reads it, from the same projection as
// ReportAuthority: analysis.SeriesReport computes every date of the
// series from it, with no load per date. Relationships started by to
// keep their history (the series applies it date by date); contacts come
// as every date of contact between two looked-after people by to, since
// each date of the series needs the last one before it.
func (s *Store) ReportAuthoritySeries(ctx context.Context, to graph.Date) (*graph.Network, error) {
	return s.projectedNetwork(ctx, to, func(out *graph.Network, kinds map[graph.ID]graph.Household, r *projectedRow) {
		addSeriesRow(out, kinds, r, to)
	})
}

// addSeriesRow adds what a series up to to reads of one person's row.
func addSeriesRow(out *graph.Network, kinds map[graph.ID]graph.Household, r *projectedRow, to graph.Date) {
	out.People = append(out.People, r.person)
	for _, x := range r.rels {
		rel := x.rel
		if rel.Since.After(to) {
			continue
		}
		if x.history != "" {
			rel.History, _ = historyFrom(row{"history": x.history})
		}
		out.Relationships = append(out.Relationships, rel)
	}
	addRowHomes(out, kinds, r, to)
	for _, c := range r.contacts {
		for _, d := range c.dates {
			if !d.After(to) {
				out.Contacts = append(out.Contacts, graph.Contact{From: r.person.ID, To: c.to, Date: d})
			}
		}
	}
}
