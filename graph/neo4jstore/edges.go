package neo4jstore

import (
	"context"
	"fmt"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// edgeQueries are the constant queries for one relationship type. Records
// stored as Neo4j relationships (residences, relationships, contacts,
// assignments) all have an id and two ends.
type edgeQueries struct {
	noun            string // "residence"
	fromField       string // JSON name of the start: "person"
	toField         string // JSON name of the end: "household"
	startField      string // property holding the start date ("from", "since"); "" if none
	ends            string // $from, $to -> a, b booleans
	create          string // $from, $to, $props
	get             string // $id -> r (map with domain field names)
	update          string // $id, $props
	end             string // $id, $until
	isNew           string // $id -> n (count of edges with this id, any type it lives in)
	startOfExisting string // $id -> start date of the edge
	// scope is the record kind of the edge for the scope rule (guarded);
	// "" for edges the rule does not check (assignments: an allocation
	// is the one write meant to widen a manager's scope).
	scope            string
	fromKind, toKind string // kinds of the ends, for the scope rule
}

// scoped returns the scope rule's view of a write of the edge id between
// from and to.
func (q edgeQueries) scoped(id, from, to graph.ID) scopedWrite {
	return scopedWrite{kind: q.scope, record: id,
		refs: []scopeRef{{q.fromField, q.fromKind, from}, {q.toField, q.toKind, to}}}
}

var (
	residenceQ = edgeQueries{noun: "residence", fromField: "person", toField: "household", startField: "from",
		scope: KindResidence, fromKind: KindPerson, toKind: KindHousehold,
		ends:            "OPTIONAL MATCH (a:Person {id: $from}) OPTIONAL MATCH (b:Household {id: $to}) RETURN a IS NOT NULL AS a, b IS NOT NULL AS b",
		create:          "MATCH (a:Person {id: $from}), (b:Household {id: $to}) CREATE (a)-[r:LIVES_IN]->(b) SET r = $props",
		get:             "MATCH (a:Person)-[r:LIVES_IN {id: $id}]->(b:Household) RETURN r{.*, person: a.id, household: b.id} AS r",
		update:          "MATCH ()-[r:LIVES_IN {id: $id}]->() SET r = $props",
		end:             "MATCH ()-[r:LIVES_IN {id: $id}]->() SET r.until = $until",
		isNew:           "OPTIONAL MATCH ()-[r:LIVES_IN {id: $id}]->() RETURN count(r) AS n",
		startOfExisting: "MATCH ()-[r:LIVES_IN {id: $id}]->() RETURN r.from AS d, r.until AS u",
	}
	relationshipQ = edgeQueries{noun: "relationship", fromField: "from", toField: "to", startField: "since",
		scope: KindRelationship, fromKind: KindPerson, toKind: KindPerson,
		ends:            "OPTIONAL MATCH (a:Person {id: $from}) OPTIONAL MATCH (b:Person {id: $to}) RETURN a IS NOT NULL AS a, b IS NOT NULL AS b",
		create:          "MATCH (a:Person {id: $from}), (b:Person {id: $to}) CREATE (a)-[r:CONNECTED]->(b) SET r = $props",
		get:             "MATCH (a:Person)-[r:CONNECTED {id: $id}]->(b:Person) RETURN r{.*, from: a.id, to: b.id} AS r",
		update:          "MATCH ()-[r:CONNECTED {id: $id}]->() SET r = $props",
		end:             "MATCH ()-[r:CONNECTED {id: $id}]->() SET r.until = $until",
		isNew:           "OPTIONAL MATCH ()-[r:CONNECTED {id: $id}]->() RETURN count(r) AS n",
		startOfExisting: "MATCH ()-[r:CONNECTED {id: $id}]->() RETURN r.since AS d, r.until AS u",
	}
	contactQ = edgeQueries{noun: "contact", fromField: "from", toField: "to",
		scope: KindContact, fromKind: KindPerson, toKind: KindPerson,
		ends:   "OPTIONAL MATCH (a:Person {id: $from}) OPTIONAL MATCH (b:Person {id: $to}) RETURN a IS NOT NULL AS a, b IS NOT NULL AS b",
		create: "MATCH (a:Person {id: $from}), (b:Person {id: $to}) CREATE (a)-[r:CONTACT]->(b) SET r = $props",
		get:    "MATCH (a:Person)-[r:CONTACT {id: $id}]->(b:Person) RETURN r{.*, from: a.id, to: b.id} AS r",
		isNew:  "OPTIONAL MATCH ()-[r:CONTACT {id: $id}]->() RETURN count(r) AS n",
	}
	assignmentQ = edgeQueries{noun: "assignment", fromField: "worker", toField: "child", startField: "since",
		ends:            "OPTIONAL MATCH (b:Person {id: $to}) RETURN true AS a, b IS NOT NULL AS b",
		create:          "MATCH (b:Person {id: $to}) MERGE (a:Worker {id: $from}) CREATE (a)-[r:HOLDS]->(b) SET r = $props",
		get:             "MATCH (a:Worker)-[r:HOLDS {id: $id}]->(b:Person) RETURN r{.*, worker: a.id, child: b.id} AS r",
		end:             "MATCH ()-[r:HOLDS {id: $id}]->() SET r.until = $until",
		isNew:           "OPTIONAL MATCH ()-[r:HOLDS {id: $id}]->() RETURN count(r) AS n",
		startOfExisting: "MATCH ()-[r:HOLDS {id: $id}]->() RETURN r.since AS d, r.until AS u",
	}
)

// createEdge checks, in the same transaction, that the id is new and both
// ends exist, then creates the edge under the scope rule (guarded):
// nothing is written on any error.
func (s *Store) createEdge(ctx context.Context, q edgeQueries, from, to graph.ID, p props) error {
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		if err := checkEnds(ctx, tx, q, from, to); err != nil {
			return nil, err
		}
		recs, err := collect(ctx, tx, q.isNew, map[string]any{"id": p["id"]})
		if err != nil {
			return nil, err
		}
		if n, _ := recs[0].Get("n"); n.(int64) > 0 {
			return nil, graph.Conflict("id", "a "+q.noun+" with this id already exists")
		}
		create := func() error {
			_, err := collect(ctx, tx, q.create, map[string]any{"from": from, "to": to, "props": map[string]any(p)})
			return err
		}
		if q.scope == "" {
			return nil, create()
		}
		return nil, guarded(ctx, tx, q.scoped(p["id"].(string), from, to), create)
	})
	return err
}

// checkEnds answers ErrNotFound naming each end that is not stored, as
// the API answers any id that does not exist.
func checkEnds(ctx context.Context, tx neo4j.ManagedTransaction, q edgeQueries, from, to graph.ID) error {
	recs, err := collect(ctx, tx, q.ends, map[string]any{"from": from, "to": to})
	if err != nil {
		return err
	}
	var probs graph.Problems
	if a, _ := recs[0].Get("a"); a != true {
		probs = append(probs, graph.NotFound(q.fromField, fmt.Sprintf("names %q, which does not exist", from)))
	}
	if b, _ := recs[0].Get("b"); b != true {
		probs = append(probs, graph.NotFound(q.toField, fmt.Sprintf("names %q, which does not exist", to)))
	}
	return probs.Err()
}

func (s *Store) getEdge(ctx context.Context, q edgeQueries, id graph.ID) (row, error) {
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (row, error) {
		return getEdgeTx(ctx, tx, q, id)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func getEdgeTx(ctx context.Context, tx neo4j.ManagedTransaction, q edgeQueries, id graph.ID) (row, error) {
	recs, err := collect(ctx, tx, q.get, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, graph.NotFound("id", "no "+q.noun+" with this id")
	}
	v, _ := recs[0].Get("r")
	return asRow(v), nil
}

// updateEdge replaces the properties of an existing edge whose ends must
// not change. Its end date (until) is history: an update leaves it as
// stored when the body has none, and refuses to change it (ending is
// endEdge's work, and an end is never undone). check, if not nil, sees
// the stored edge and may refuse the update or complete p, in the same
// transaction, before anything is written.
func (s *Store) updateEdge(ctx context.Context, q edgeQueries, id, from, to graph.ID, p props, check func(cur row, p props) error) error {
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		cur, err := getEdgeTx(ctx, tx, q, id)
		if err != nil {
			return nil, err
		}
		var probs graph.Problems
		if cur.str(q.fromField) != from {
			probs = append(probs, graph.Invalid(q.fromField, "cannot change: end this "+q.noun+" and record a new one"))
		}
		if cur.str(q.toField) != to {
			probs = append(probs, graph.Invalid(q.toField, "cannot change: end this "+q.noun+" and record a new one"))
		}
		stored, _ := cur["until"].(neo4j.Date)
		switch given, ok := p["until"].(neo4j.Date); {
		case !ok:
			if cur["until"] != nil {
				p["until"] = stored
			}
		case cur["until"] == nil || !given.Time().Equal(stored.Time()):
			probs = append(probs, graph.Invalid("until", "cannot be set or changed by an update: end this "+q.noun+" with POST .../end"))
		}
		if since, ok := p[q.startField].(neo4j.Date); ok && cur["until"] != nil && since.Time().After(stored.Time()) {
			probs = append(probs, graph.Invalid(q.startField, "must not be after the recorded end ("+graph.DateOf(stored.Time()).String()+")"))
		}
		if err := probs.Err(); err != nil {
			return nil, err
		}
		if check != nil {
			if err := check(cur, p); err != nil {
				return nil, err
			}
		}
		update := func() error {
			_, err := collect(ctx, tx, q.update, map[string]any{"id": id, "props": map[string]any(p)})
			return err
		}
		if q.scope == "" {
			return nil, update()
		}
		// A later since, or an earlier one, changes whose networks the
		// edge joins on a day: the scope rule applies.
		return nil, guarded(ctx, tx, q.scoped(id, from, to), update)
	})
	return err
}

// endEdge sets the end date of an edge; history is kept. The date must not
// be before the edge's start.
func (s *Store) endEdge(ctx context.Context, q edgeQueries, id graph.ID, until graph.Date) error {
	if until.IsZero() {
		return graph.Invalid("until", "is required")
	}
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, q.startOfExisting, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, graph.NotFound("id", "no "+q.noun+" with this id")
		}
		r := row(recs[0].AsMap())
		if start := r.date("d"); !start.IsZero() && until.Before(start) {
			return nil, graph.Invalid("until", "must not be before "+q.startField)
		}
		if prev := r.date("u"); !prev.IsZero() {
			return nil, graph.Conflict("until", "this "+q.noun+" has already ended")
		}
		_, err = collect(ctx, tx, q.end, map[string]any{"id": id, "until": neo4j.DateOf(until.Time())})
		return nil, err
	})
	return err
}
