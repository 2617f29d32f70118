package neo4jstore

import (
	"context"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Import writes documents by MERGE on ids, so importing the same document
// twice creates nothing new. A document of up to SingleTxLimit records is
// written in one transaction; a larger one in idempotent batches of
// BatchSize records per transaction (nodes first), so a failed run can
// simply be repeated.
const (
	SingleTxLimit = 50_000
	BatchSize     = 5_000
)

// SetBatching changes the import limits (for tests and tuning); values
// of zero or less keep the current ones.
func (s *Store) SetBatching(singleTxLimit, batchSize int) {
	if singleTxLimit > 0 {
		s.singleTxLimit = singleTxLimit
	}
	if batchSize > 0 {
		s.batchSize = batchSize
	}
}

const (
	mergePeople     = "UNWIND $rows AS row MERGE (n:Person {id: row.id}) SET n = row"
	mergeHouseholds = "UNWIND $rows AS row MERGE (n:Household {id: row.id}) SET n = row"
	// Residences, relationships and assignments keep a stored end date
	// that the document lacks: re-importing an older file never reopens
	// what has been ended (a placement, a relationship, a worker's access).
	mergeResidences = `UNWIND $rows AS row
MATCH (a:Person {id: row.from}), (b:Household {id: row.to})
MERGE (a)-[r:LIVES_IN {id: row.props.id}]->(b)
WITH r, row, r.until AS ended SET r = row.props SET r.until = coalesce(row.props.until, ended)`
	mergeRelationships = `UNWIND $rows AS row
MATCH (a:Person {id: row.from}), (b:Person {id: row.to})
MERGE (a)-[r:CONNECTED {id: row.props.id}]->(b)
WITH r, row, r.until AS ended SET r = row.props SET r.until = coalesce(row.props.until, ended)`
	mergeContacts = `UNWIND $rows AS row
MATCH (a:Person {id: row.from}), (b:Person {id: row.to})
MERGE (a)-[r:CONTACT {id: row.props.id}]->(b) SET r = row.props`
	mergeAssignments = `UNWIND $rows AS row
MATCH (b:Person {id: row.to}) MERGE (a:Worker {id: row.from})
MERGE (a)-[r:HOLDS {id: row.props.id}]->(b)
WITH r, row, r.until AS ended SET r = row.props SET r.until = coalesce(row.props.until, ended)`

	knownPeople     = "UNWIND $ids AS id MATCH (n:Person {id: id}) RETURN collect(n.id) AS ids"
	knownHouseholds = "UNWIND $ids AS id MATCH (n:Household {id: id}) RETURN collect(n.id) AS ids"
)

// step is one MERGE statement with its rows.
type step struct {
	cypher string
	rows   []any
}

// Import validates the whole document (records, duplicate ids, references
// to records in the document or already stored, stored edge ids reused for
// other ends) and writes it. Nothing is written when validation fails.
func (s *Store) Import(ctx context.Context, d *graph.Document) (graph.ImportSummary, error) {
	known, err := s.knownRefs(ctx, d)
	if err != nil {
		return graph.ImportSummary{}, err
	}
	if err := d.Validate(func(kind string, id graph.ID) bool { return known[kind][id] }); err != nil {
		return graph.ImportSummary{}, err
	}
	if err := s.checkStoredEnds(ctx, d); err != nil {
		return graph.ImportSummary{}, err
	}
	steps := importSteps(d)
	total := 0
	for _, st := range steps {
		total += len(st.rows)
	}
	sum := graph.ImportSummary{Counts: d.Counts()}
	if total <= s.singleTxLimit {
		if err := s.writeAll(ctx, steps); err != nil {
			return sum, err
		}
		sum.Transactions = 1
		return sum, nil
	}
	batches := 0
	for _, st := range steps {
		batches += (len(st.rows) + s.batchSize - 1) / s.batchSize
	}
	stored := 0
	for _, st := range steps {
		for lo := 0; lo < len(st.rows); lo += s.batchSize {
			batch := st.rows[lo:min(lo+s.batchSize, len(st.rows))]
			_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
				return collect(ctx, tx, st.cypher, map[string]any{"rows": batch})
			})
			if err != nil {
				return sum, &graph.ImportIncompleteError{Batch: sum.Transactions + 1, Batches: batches, Records: stored, Err: err}
			}
			sum.Transactions++
			stored += len(batch)
		}
	}
	return sum, nil
}

// writeAll runs every step in one write transaction.
func (s *Store) writeAll(ctx context.Context, steps []step) error {
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		for _, st := range steps {
			if _, err := collect(ctx, tx, st.cypher, map[string]any{"rows": st.rows}); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	return err
}

func importSteps(d *graph.Document) []step {
	edge := func(from, to graph.ID, p props) any {
		return map[string]any{"from": from, "to": to, "props": map[string]any(p)}
	}
	var people, households, residences, rels, contacts, assignments []any
	for _, p := range d.People {
		people = append(people, map[string]any(personProps(p)))
	}
	for _, h := range d.Households {
		households = append(households, map[string]any(householdProps(h)))
	}
	for _, r := range d.Residences {
		residences = append(residences, edge(r.Person, r.Household, residenceProps(r)))
	}
	for _, r := range d.Relationships {
		rels = append(rels, edge(r.From, r.To, relationshipProps(r)))
	}
	for _, c := range d.Contacts {
		contacts = append(contacts, edge(c.From, c.To, contactProps(c)))
	}
	for _, a := range d.Assignments {
		assignments = append(assignments, edge(a.Worker, a.Child, assignmentProps(a)))
	}
	return []step{{mergePeople, people}, {mergeHouseholds, households}, {mergeResidences, residences},
		{mergeRelationships, rels}, {mergeContacts, contacts}, {mergeAssignments, assignments},
		{mergeAssessments, assessmentRows(d)}, {mergePlanActions, planActionRows(d)}}
}

// knownRefs looks up, in one read transaction, which of the people and
// households the document refers to but does not contain are stored.
func (s *Store) knownRefs(ctx context.Context, d *graph.Document) (map[string]map[graph.ID]bool, error) {
	inDoc := map[graph.ID]bool{}
	for _, p := range d.People {
		inDoc["p:"+p.ID] = true
	}
	for _, h := range d.Households {
		inDoc["h:"+h.ID] = true
	}
	var people, households []string
	want := func(list *[]string, prefix string, id graph.ID) {
		if id != "" && !inDoc[prefix+id] {
			inDoc[prefix+id] = true
			*list = append(*list, id)
		}
	}
	for _, r := range d.Residences {
		want(&people, "p:", r.Person)
		want(&households, "h:", r.Household)
	}
	for _, r := range d.Relationships {
		want(&people, "p:", r.From)
		want(&people, "p:", r.To)
		want(&people, "p:", r.ContactVia())
	}
	for _, c := range d.Contacts {
		want(&people, "p:", c.From)
		want(&people, "p:", c.To)
	}
	for _, a := range d.Assignments {
		want(&people, "p:", a.Child)
	}
	for _, a := range d.Assessments {
		want(&people, "p:", a.Child)
		for _, c := range a.Connections {
			want(&people, "p:", c.Person)
		}
	}
	for _, a := range d.PlanActions {
		want(&people, "p:", a.Child)
		want(&people, "p:", a.Person)
	}
	known := map[string]map[graph.ID]bool{"person": {}, "household": {}}
	if len(people)+len(households) == 0 {
		return known, nil
	}
	_, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		for kind, q := range map[string]struct {
			cypher string
			ids    []string
		}{"person": {knownPeople, people}, "household": {knownHouseholds, households}} {
			recs, err := collect(ctx, tx, q.cypher, map[string]any{"ids": q.ids})
			if err != nil {
				return nil, err
			}
			ids, _ := recs[0].Get("ids")
			for _, id := range ids.([]any) {
				known[kind][id.(string)] = true
			}
		}
		return nil, nil
	})
	return known, err
}

// Authority returns an authority-wide snapshot as of a date: every person
// and household, and the residences, relationships and contacts that had
// started by then (relationships with the details of that date and no
// history). It streams each record type in one read transaction:
// no per-child round trips.
func (s *Store) Authority(ctx context.Context, asOf graph.Date) (*graph.Network, error) {
	recs, err := s.all(ctx, asOf)
	if err != nil {
		return nil, err
	}
	recs.Sort()
	return &graph.Network{AsOf: asOf, Records: *recs}, nil
}

const (
	allPeople        = "MATCH (p:Person) RETURN p{.*} AS x ORDER BY x.id"
	allHouseholds    = "MATCH (h:Household) RETURN h{.*} AS x ORDER BY x.id"
	allResidences    = "MATCH (a:Person)-[r:LIVES_IN]->(b:Household) WHERE $asOf IS NULL OR r.from <= $asOf RETURN r{.*, person: a.id, household: b.id} AS x ORDER BY x.id"
	allRelationships = "MATCH (a:Person)-[r:CONNECTED]->(b:Person) WHERE $asOf IS NULL OR r.since IS NULL OR r.since <= $asOf RETURN r{.*, from: a.id, to: b.id} AS x ORDER BY x.id"
	allContacts      = "MATCH (a:Person)-[r:CONTACT]->(b:Person) WHERE $asOf IS NULL OR r.date <= $asOf RETURN r{.*, from: a.id, to: b.id} AS x ORDER BY x.id"
	allAssignments   = "MATCH (a:Worker)-[r:HOLDS]->(b:Person) RETURN r{.*, worker: a.id, child: b.id} AS x ORDER BY x.id"
)

// relationshipAsOf reads a relationship row as it stood on asOf, or with
// its whole history when asOf is zero (an export).
func relationshipAsOf(r row, asOf graph.Date) graph.Relationship {
	rel := relationshipFrom(r)
	if asOf.IsZero() {
		return rel
	}
	return rel.AsOf(asOf)
}

func (s *Store) all(ctx context.Context, asOf graph.Date) (*graph.Records, error) {
	var date any
	if !asOf.IsZero() {
		date = neo4j.DateOf(asOf.Time())
	}
	out := &graph.Records{}
	_, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		*out = graph.Records{}
		stream := func(cypher string, each func(row)) error {
			res, err := tx.Run(ctx, cypher, map[string]any{"asOf": date})
			if err != nil {
				return err
			}
			for res.Next(ctx) {
				v, _ := res.Record().Get("x")
				each(asRow(v))
			}
			return res.Err()
		}
		steps := []struct {
			cypher string
			each   func(row)
		}{
			{allPeople, func(r row) { out.People = append(out.People, personFrom(r)) }},
			{allHouseholds, func(r row) { out.Households = append(out.Households, householdFrom(r)) }},
			{allResidences, func(r row) { out.Residences = append(out.Residences, residenceFrom(r)) }},
			{allRelationships, func(r row) { out.Relationships = append(out.Relationships, relationshipAsOf(r, asOf)) }},
			{allContacts, func(r row) { out.Contacts = append(out.Contacts, contactFrom(r)) }},
			{allAssignments, func(r row) { out.Assignments = append(out.Assignments, assignmentFrom(r)) }},
			{allAssessments, func(r row) { out.Assessments = append(out.Assessments, assessmentFrom(r)) }},
			{allPlanActions, func(r row) { out.PlanActions = append(out.PlanActions, planActionFrom(r)) }},
		}
		for _, st := range steps {
			if err := stream(st.cypher, st.each); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
