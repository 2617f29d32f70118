package neo4jstore

import (
	"context"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The seed parts pick the people of a snapshot around child $id; the rest
// of the query (networkRest) is shared. Both are constants: no data is
// ever spliced into query text.
const (
	// seedConnections: everyone within two hops through relationships that
	// had started by $asOf (ended ones included: they are history), and
	// possible step-siblings (seedStepSiblings). The
	// child is added once: two ties to the same person make a two-hop
	// path back to the child, which must not list the child twice.
	seedConnections = `
MATCH (c:Person {id: $id})
OPTIONAL MATCH (c)-[rs:CONNECTED*1..2]-(x:Person)
WHERE x <> c AND all(r IN rs WHERE r.since IS NULL OR r.since <= $asOf)
WITH c, collect(DISTINCT x) + [c] AS people` + seedStepSiblings

	// seedStepSiblings adds to the people of a connections snapshot the
	// children of a partner of one of the child's parents (possible
	// step-siblings, three hops away), whom the analysis checks for a
	// shared home (graph.Records.Snapshot does the same).
	seedStepSiblings = `
OPTIONAL MATCH (c)<-[p1:CONNECTED {kind: 'parent'}]-(:Person)-[p2:CONNECTED {kind: 'partner'}]-(:Person)-[p3:CONNECTED {kind: 'parent'}]->(s:Person)
WHERE all(r IN [p1, p2, p3] WHERE r.since IS NULL OR r.since <= $asOf)
WITH c, people, collect(DISTINCT s) AS steps
WITH c, people + [s IN steps WHERE NOT s IN people] AS people`

	// seedSiblings: the child's sibling component (sub-kinds of every
	// kind), the parents its members share with someone, the other
	// children of those parents (siblings through a shared parent,
	// recorded or not) and their sibling components: the analysis infers
	// the unrecorded ties from the parent relationships. One shared-parent step is followed
	// from the recorded component. Dates are applied by the analysis; the
	// patterns keep to property filters so Neo4j can prune the expansion.
	seedSiblings = `
MATCH (c:Person {id: $id})
OPTIONAL MATCH (c)-[:CONNECTED*1..12 {kind: 'sibling'}]-(x:Person)
WHERE x <> c
WITH c, collect(DISTINCT x) + [c] AS sibs
CALL {
  WITH sibs
  UNWIND sibs AS s
  OPTIONAL MATCH (s)<-[:CONNECTED {kind: 'parent'}]-(p:Person)-[:CONNECTED {kind: 'parent'}]->(h:Person)
  RETURN collect(DISTINCT p) AS parents, collect(DISTINCT h) AS halves
}
CALL {
  WITH sibs, halves
  UNWIND [h IN halves WHERE NOT h IN sibs] AS h
  OPTIONAL MATCH (h)-[:CONNECTED*0..12 {kind: 'sibling'}]-(y:Person)
  RETURN collect(DISTINCT y) AS more
}
WITH c, sibs, parents, more
UNWIND sibs + parents + more AS x
WITH c, collect(DISTINCT x) AS people`

	// seedMany: seedConnections for each child of $ids at once, for
	// Networks.
	seedMany = `
UNWIND $ids AS id
MATCH (c:Person {id: id})
OPTIONAL MATCH (c)-[rs:CONNECTED*1..2]-(x:Person)
WHERE x <> c AND all(r IN rs WHERE r.since IS NULL OR r.since <= $asOf)
WITH c, collect(DISTINCT x) + [c] AS people` + seedStepSiblings

	networkRest = networkParts + networkReturn

	// networkParts gathers the relationships, residences, households,
	// contacts and assignments of people around c.
	networkParts = `
CALL {
  WITH people
  UNWIND people AS a
  MATCH (a)-[r:CONNECTED]->(b:Person)
  WHERE b IN people AND (r.since IS NULL OR r.since <= $asOf)
  RETURN collect(r{.*, from: a.id, to: b.id}) AS rels
}
CALL {
  WITH people
  UNWIND people AS a
  MATCH (a)-[l:LIVES_IN]->(h:Household)
  WHERE l.from <= $asOf
  RETURN collect(l{.*, person: a.id, household: h.id}) AS residences, collect(DISTINCT h{.*}) AS households
}
CALL {
  WITH people
  UNWIND people AS a
  MATCH (a)-[k:CONTACT]->(b:Person)
  WHERE b IN people AND k.date <= $asOf
  RETURN collect(k{.*, from: a.id, to: b.id}) AS contacts
}
CALL {
  WITH c
  OPTIONAL MATCH (w:Worker)-[h:HOLDS]->(c)
  RETURN collect(h{.*, worker: w.id, child: c.id}) AS assignments
}
CALL {
  WITH c
  OPTIONAL MATCH (x:Assessment)-[:ASSESSES]->(c) WHERE x.date <= $asOf
  RETURN collect(x{.*, child: c.id}) AS assessments
}
CALL {
  WITH c
  OPTIONAL MATCH (x:PlanAction)-[:PLANS_FOR]->(c) WHERE x.made <= $asOf
  RETURN collect(x{.*, child: c.id}) AS plan_actions
}`
	networkReturn = `
RETURN c.id AS child, [p IN people | p{.*}] AS people, rels, residences, households, contacts, assignments, assessments, plan_actions`
)

// Network returns the child's connection network as of a date, in one
// query: the child, everyone within two hops, their households (with
// residence history up to the date) and the contacts between them. Each
// relationship carries the details that held on the date, without its
// history (graph.Relationship.AsOf).
func (s *Store) Network(ctx context.Context, child graph.ID, asOf graph.Date) (*graph.Network, error) {
	return s.snapshot(ctx, seedConnections+networkRest, child, asOf)
}

// SiblingNetwork returns the child's sibling group as of a date: everyone
// linked by sibling relationships, however distantly, their parents, and
// the parents' other children (with their own sibling links), so that the
// analysis can put siblings through a shared parent in the group; with the
// same households, relationships and contacts as Network.
func (s *Store) SiblingNetwork(ctx context.Context, child graph.ID, asOf graph.Date) (*graph.Network, error) {
	return s.snapshot(ctx, seedSiblings+networkRest, child, asOf)
}

func (s *Store) snapshot(ctx context.Context, cypher string, child graph.ID, asOf graph.Date) (*graph.Network, error) {
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]any, error) {
		recs, err := collect(ctx, tx, cypher, map[string]any{"id": child, "asOf": neo4j.DateOf(asOf.Time())})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, graph.NotFound("id", "no person with this id")
		}
		return recs[0].AsMap(), nil
	})
	if err != nil {
		return nil, err
	}
	return networkFrom(out, child, asOf), nil
}

// Networks returns the connection networks of several children as of a
// date, each as Network returns it, in one query for all of them (the
// caseload page). A child with no record is left out of the map.
func (s *Store) Networks(ctx context.Context, children []graph.ID, asOf graph.Date) (map[graph.ID]*graph.Network, error) {
	if children == nil {
		children = []graph.ID{}
	}
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]map[string]any, error) {
		recs, err := collect(ctx, tx, seedMany+networkRest, map[string]any{"ids": children, "asOf": neo4j.DateOf(asOf.Time())})
		if err != nil {
			return nil, err
		}
		ms := make([]map[string]any, len(recs))
		for i, rec := range recs {
			ms[i] = rec.AsMap()
		}
		return ms, nil
	})
	if err != nil {
		return nil, err
	}
	nets := map[graph.ID]*graph.Network{}
	for _, m := range out {
		id := row(m).str("child")
		nets[id] = networkFrom(m, id, asOf)
	}
	return nets, nil
}

// networkFrom reads one snapshot record.
func networkFrom(m map[string]any, child graph.ID, asOf graph.Date) *graph.Network {
	n := &graph.Network{Child: child, AsOf: asOf}
	for _, r := range asRows(m["people"]) {
		n.People = append(n.People, personFrom(r))
	}
	for _, r := range asRows(m["households"]) {
		n.Households = append(n.Households, householdFrom(r))
	}
	for _, r := range asRows(m["residences"]) {
		n.Residences = append(n.Residences, residenceFrom(r))
	}
	for _, r := range asRows(m["rels"]) {
		n.Relationships = append(n.Relationships, relationshipFrom(r).AsOf(asOf))
	}
	for _, r := range asRows(m["contacts"]) {
		n.Contacts = append(n.Contacts, contactFrom(r))
	}
	for _, r := range asRows(m["assignments"]) {
		n.Assignments = append(n.Assignments, assignmentFrom(r))
	}
	for _, r := range asRows(m["assessments"]) {
		n.Assessments = append(n.Assessments, assessmentFrom(r))
	}
	for _, r := range asRows(m["plan_actions"]) {
		n.PlanActions = append(n.PlanActions, planActionFrom(r))
	}
	n.Sort()
	return n
}

// Children lists the looked-after children among within, in id order, a
// page at a time, with the total count. The list has no date: it holds
// everyone marked looked_after, including children whose care episode has
// ended (looked_after_until), so that their maps at past dates stay within
// reach.
func (s *Store) Children(ctx context.Context, within []graph.ID, offset, limit int) ([]graph.ChildSummary, int, error) {
	if within == nil {
		within = []graph.ID{}
	}
	type page struct {
		items []graph.ChildSummary
		total int
	}
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (page, error) {
		recs, err := collect(ctx, tx, `
MATCH (p:Person) WHERE p.id IN $within AND p.looked_after = true
RETURN p.id AS id, p.full_name AS name, p.known_as AS known_as
ORDER BY p.id SKIP $offset LIMIT $limit`, map[string]any{"within": within, "offset": offset, "limit": limit})
		if err != nil {
			return page{}, err
		}
		var pg page
		for _, rec := range recs {
			r := row(rec.AsMap())
			pg.items = append(pg.items, graph.ChildSummary{ID: r.str("id"), Name: r.str("name"), KnownAs: r.str("known_as")})
		}
		recs, err = collect(ctx, tx, "MATCH (p:Person) WHERE p.id IN $within AND p.looked_after = true RETURN count(p) AS n",
			map[string]any{"within": within})
		if err != nil {
			return page{}, err
		}
		n, _ := recs[0].Get("n")
		pg.total = int(n.(int64))
		return pg, nil
	})
	if err != nil {
		return nil, 0, err
	}
	pg := out
	return pg.items, pg.total, nil
}
