package neo4jstore

import (
	"context"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// openResidences: the person's residences still running on $from (open,
// or ending on or after it), with their start and household.
const openResidences = `MATCH (:Person {id: $person})-[l:LIVES_IN]->(h:Household)
WHERE l.until IS NULL OR l.until >= $from
RETURN l.id AS id, l.from AS from, h.id AS household ORDER BY id`

const endResidenceOn = "MATCH ()-[l:LIVES_IN {id: $id}]->() SET l.until = $until"

// Move records a placement move in one transaction: every residence of
// r.Person still running on r.From ends the day before, and r starts. It
// returns the ids of the residences it ended. Nothing is written when r
// is invalid, names a person or household that does not exist, reuses an
// id, starts on or before the start of a residence it would end, or moves
// the person into the home they already live in.
func (s *Store) Move(ctx context.Context, r graph.Residence) ([]graph.ID, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	out, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]graph.ID, error) {
		if err := checkEnds(ctx, tx, residenceQ, r.Person, r.Household); err != nil {
			return nil, err
		}
		recs, err := collect(ctx, tx, residenceQ.isNew, map[string]any{"id": r.ID})
		if err != nil {
			return nil, err
		}
		if n, _ := recs[0].Get("n"); n.(int64) > 0 {
			return nil, graph.Conflict("id", "a residence with this id already exists")
		}
		from := neo4j.DateOf(r.From.Time())
		recs, err = collect(ctx, tx, openResidences, map[string]any{"person": r.Person, "from": from})
		if err != nil {
			return nil, err
		}
		var ended []graph.ID
		for _, rec := range recs {
			cur := row(rec.AsMap())
			switch {
			case cur.str("household") == r.Household:
				return nil, graph.Invalid("household", "is already this person's home (residence "+cur.str("id")+")")
			case !cur.date("from").Before(r.From):
				return nil, graph.Invalid("from", "must be after "+cur.date("from").String()+", the start of residence "+cur.str("id"))
			}
			ended = append(ended, cur.str("id"))
		}
		until := neo4j.DateOf(r.From.AddDays(-1).Time())
		for _, id := range ended {
			if _, err := collect(ctx, tx, endResidenceOn, map[string]any{"id": id, "until": until}); err != nil {
				return nil, err
			}
		}
		err = guarded(ctx, tx, residenceQ.scoped(r.ID, r.Person, r.Household), func() error {
			_, err := collect(ctx, tx, residenceQ.create, map[string]any{"from": r.Person, "to": r.Household, "props": map[string]any(residenceProps(r))})
			return err
		})
		return ended, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
