package neo4jstore

import (
	"context"
	"fmt"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The elsewhere queries return the rows of a document whose edge id is
// already stored between other ends: importing them would not update the
// stored edge but collide with it. They seek each edge by its id (the
// uniqueness constraint's index) and only then look at its ends: a pattern
// with labelled ends makes the planner scan every edge of the type for
// every row (measured: a re-import of a 1,000-child authority went from 2 s
// to 50 s). The index hint keeps it so when the planner's statistics still
// describe the empty store of before an import (on main a re-import right
// after a first one spent 43 s in this check, the next one 2.5 s).
const (
	residencesElsewhere = `UNWIND $rows AS row
MATCH ()-[r:LIVES_IN {id: row.id}]->() USING INDEX r:LIVES_IN(id)
WITH row, r WHERE startNode(r).id <> row.from OR endNode(r).id <> row.to
RETURN row.i AS i ORDER BY i`
	relationshipsElsewhere = `UNWIND $rows AS row
MATCH ()-[r:CONNECTED {id: row.id}]->() USING INDEX r:CONNECTED(id)
WITH row, r WHERE startNode(r).id <> row.from OR endNode(r).id <> row.to
RETURN row.i AS i ORDER BY i`
	contactsElsewhere = `UNWIND $rows AS row
MATCH ()-[r:CONTACT {id: row.id}]->() USING INDEX r:CONTACT(id)
WITH row, r WHERE startNode(r).id <> row.from OR endNode(r).id <> row.to
RETURN row.i AS i ORDER BY i`
	assignmentsElsewhere = `UNWIND $rows AS row
MATCH ()-[r:HOLDS {id: row.id}]->() USING INDEX r:HOLDS(id)
WITH row, r WHERE startNode(r).id <> row.from OR endNode(r).id <> row.to
RETURN row.i AS i ORDER BY i`
)

// checkStoredEnds refuses, before anything is written, a document that
// reuses a stored residence, relationship, contact or assignment id for
// other ends: the ends of a stored record never change (end it and record
// a new one). Each problem names the record's place in the document.
func (s *Store) checkStoredEnds(ctx context.Context, d *graph.Document) error {
	type edges struct {
		list, cypher, what string
		rows               []any
	}
	row := func(i int, id, from, to graph.ID) any {
		return map[string]any{"i": i, "id": id, "from": from, "to": to}
	}
	all := []edges{{list: "residences", cypher: residencesElsewhere, what: "person and household"},
		{list: "relationships", cypher: relationshipsElsewhere, what: "people"},
		{list: "contacts", cypher: contactsElsewhere, what: "people"},
		{list: "assignments", cypher: assignmentsElsewhere, what: "worker and child"},
		{list: "assessments", cypher: assessmentsElsewhere, what: "child"},
		{list: "plan_actions", cypher: planActionsElsewhere, what: "child"}}
	for i, r := range d.Residences {
		all[0].rows = append(all[0].rows, row(i, r.ID, r.Person, r.Household))
	}
	for i, r := range d.Relationships {
		all[1].rows = append(all[1].rows, row(i, r.ID, r.From, r.To))
	}
	for i, c := range d.Contacts {
		all[2].rows = append(all[2].rows, row(i, c.ID, c.From, c.To))
	}
	for i, a := range d.Assignments {
		all[3].rows = append(all[3].rows, row(i, a.ID, a.Worker, a.Child))
	}
	for i, a := range d.Assessments {
		all[4].rows = append(all[4].rows, row(i, a.ID, "", a.Child))
	}
	for i, a := range d.PlanActions {
		all[5].rows = append(all[5].rows, row(i, a.ID, "", a.Child))
	}
	var probs graph.Problems
	_, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		probs = nil // the driver may retry the transaction
		for _, e := range all {
			if len(e.rows) == 0 {
				continue
			}
			recs, err := collect(ctx, tx, e.cypher, map[string]any{"rows": e.rows})
			if err != nil {
				return nil, err
			}
			for _, rec := range recs {
				i, _ := rec.Get("i")
				probs = append(probs, graph.Conflict(fmt.Sprintf("%s[%d].id", e.list, i),
					"is already stored between another "+e.what+": end that record and give this one a new id"))
			}
		}
		return nil, nil
	})
	if err != nil {
		return err
	}
	return probs.Err()
}
