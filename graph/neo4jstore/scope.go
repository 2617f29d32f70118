package neo4jstore

import (
	"context"
	"slices"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Scope look-ups for the authoriser. Each is one constant query.
const (
	// caseload: children a worker holds on $day through current HOLDS
	// assignments (open ends count as open).
	caseload = `
MATCH (:Worker {id: $user})-[h:HOLDS]->(c:Person)
WHERE (h.since IS NULL OR h.since <= $day) AND (h.until IS NULL OR h.until >= $day)
RETURN DISTINCT c.id AS id ORDER BY id`

	// teamCaseload: children held on $day through assignments of $teams.
	teamCaseload = `
MATCH (:Worker)-[h:HOLDS]->(c:Person)
WHERE h.team IN $teams
  AND (h.since IS NULL OR h.since <= $day) AND (h.until IS NULL OR h.until >= $day)
RETURN DISTINCT c.id AS id ORDER BY id`
)

// The in-scope queries answer "which of $children have this record in
// their network (as Network builds it) as of $asOf?", one list per row.
// They expand from the record towards the children, never from every
// child outwards: the record's two-hop neighbourhood is small, a team's
// caseload is not.
const (
	// ownA, nearA (ownB, nearB): person a (b) as one of $children, and
	// the children within two hops of a (b) through relationships that
	// had started by $asOf, or whose possible step-sibling a (b) is, the
	// same rule as seedConnections.
	ownA  = `[x IN [a.id] WHERE x IN $children]`
	ownB  = `[x IN [b.id] WHERE x IN $children]`
	nearA = `COLLECT {
  MATCH (a)-[rs:CONNECTED*1..2]-(c:Person)
  WHERE c.id IN $children AND all(hop IN rs WHERE hop.since IS NULL OR hop.since <= $asOf)
  RETURN DISTINCT c.id } + ` + stepA
	nearB = `COLLECT {
  MATCH (b)-[rs:CONNECTED*1..2]-(c:Person)
  WHERE c.id IN $children AND all(hop IN rs WHERE hop.since IS NULL OR hop.since <= $asOf)
  RETURN DISTINCT c.id } + ` + stepB
	// stepA (stepB): the children of whose parent's partner a (b) is a
	// child, the same rule as seedStepSiblings.
	stepA = `COLLECT {
  MATCH (a)<-[p3:CONNECTED {kind: 'parent'}]-(:Person)-[p2:CONNECTED {kind: 'partner'}]-(:Person)-[p1:CONNECTED {kind: 'parent'}]->(c:Person)
  WHERE c.id IN $children AND all(hop IN [p1, p2, p3] WHERE hop.since IS NULL OR hop.since <= $asOf)
  RETURN DISTINCT c.id }`
	stepB = `COLLECT {
  MATCH (b)<-[p3:CONNECTED {kind: 'parent'}]-(:Person)-[p2:CONNECTED {kind: 'partner'}]-(:Person)-[p1:CONNECTED {kind: 'parent'}]->(c:Person)
  WHERE c.id IN $children AND all(hop IN [p1, p2, p3] WHERE hop.since IS NULL OR hop.since <= $asOf)
  RETURN DISTINCT c.id }`

	scopeFound = "\nRETURN true AS ok LIMIT 1"
	oneEnd     = "\nWITH " + ownA + " AS own, " + nearA + " AS near WHERE size(own) + size(near) > 0 RETURN own, near"
	// bothEnds: the children whose networks hold both a and b.
	bothEnds = "\nWITH " + ownA + " AS oa, " + nearA + " AS na, " + ownB + " AS ob, " + nearB + ` AS nb
WITH oa, ob, [k IN oa + na WHERE k IN ob + nb] AS common WHERE size(common) > 0
RETURN [k IN oa + ob WHERE k IN common] AS own, common AS near`

	scopePerson = "MATCH (a:Person {id: $id})" + oneEnd

	// A household is in scope when someone in the network had started
	// living there by $asOf (history included, as in networkRest).
	scopeHousehold = `MATCH (a:Person)-[l:LIVES_IN]->(:Household {id: $id})
WHERE l.from <= $asOf` + oneEnd

	scopeResidence = `MATCH (a:Person)-[l:LIVES_IN {id: $id}]->(:Household)
WHERE l.from <= $asOf` + oneEnd

	// Relationships and contacts are in scope when both ends are in the
	// same child's network.
	scopeRelationship = `MATCH (a:Person)-[r:CONNECTED {id: $id}]->(b:Person)
WHERE (r.since IS NULL OR r.since <= $asOf)` + bothEnds

	scopeContact = `MATCH (a:Person)-[k:CONTACT {id: $id}]->(b:Person)
WHERE k.date <= $asOf` + bothEnds

	// An assignment is in scope when it is one of the children's.
	scopeAssignment = `MATCH (:Worker)-[:HOLDS {id: $id}]->(c:Person)
WHERE c.id IN $children RETURN [c.id] AS own, [] AS near`
)

// Record kinds InScope knows.
const (
	KindPerson       = "person"
	KindHousehold    = "household"
	KindResidence    = "residence"
	KindRelationship = "relationship"
	KindContact      = "contact"
	KindAssignment   = "assignment"
)

var scopeQueries = map[string]string{
	KindPerson:       scopePerson,
	KindHousehold:    scopeHousehold,
	KindResidence:    scopeResidence,
	KindRelationship: scopeRelationship,
	KindContact:      scopeContact,
	KindAssignment:   scopeAssignment,
}

// Caseload returns the ids of the children user holds on day through
// current assignments, in id order.
func (s *Store) Caseload(ctx context.Context, user string, day graph.Date) ([]graph.ID, error) {
	if user == "" {
		return nil, nil
	}
	return s.ids(ctx, caseload, map[string]any{"user": user, "day": s.neo4jDate(day)})
}

// TeamCaseload returns the ids of the children held on day through
// current assignments of any of teams, in id order.
func (s *Store) TeamCaseload(ctx context.Context, teams []string, day graph.Date) ([]graph.ID, error) {
	if len(teams) == 0 {
		return nil, nil
	}
	return s.ids(ctx, teamCaseload, map[string]any{"teams": teams, "day": s.neo4jDate(day)})
}

// InScope reports whether the record of the given kind (KindPerson,
// KindHousehold, ...) with id is part of the network, as of asOf, of
// any of children (see ScopeChildren).
func (s *Store) InScope(ctx context.Context, children []graph.ID, id graph.ID, kind string, asOf graph.Date) (bool, error) {
	kids, err := s.ScopeChildren(ctx, children, id, kind, asOf)
	return len(kids) > 0, err
}

// ScopeChildren returns those of children whose network as of asOf
// holds the record of the given kind (KindPerson, KindHousehold,
// ...) with id: the children, everyone within two hops of them through
// relationships, the residences and households of those people, and the
// relationships and contacts among them; and the children's
// assignments. The record's own people among children come first (the
// person, the residents, the relationship's or contact's ends, the
// assigned child), then the others, each in id order. An unknown id is
// in no one's scope (nil, nil), so a caller can answer "not found" either
// way without revealing which records exist. An unknown kind is
// ErrInvalid.
func (s *Store) ScopeChildren(ctx context.Context, children []graph.ID, id graph.ID, kind string, asOf graph.Date) ([]graph.ID, error) {
	query, ok := scopeQueries[kind]
	if !ok {
		return nil, graph.Invalid("kind", "must be one of person, household, residence, relationship, contact, assignment")
	}
	if len(children) == 0 || id == "" {
		return nil, nil
	}
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]graph.ID, error) {
		recs, err := collect(ctx, tx, query, map[string]any{"children": children, "id": id, "asOf": s.neo4jDate(asOf)})
		if err != nil {
			return nil, err
		}
		var own, near []graph.ID
		for _, rec := range recs {
			for col, to := range map[string]*[]graph.ID{"own": &own, "near": &near} {
				list, _ := rec.Get(col)
				for _, k := range list.([]any) {
					*to = append(*to, k.(string))
				}
			}
		}
		slices.Sort(own)
		slices.Sort(near)
		kids := slices.Compact(own)
		for _, k := range slices.Compact(near) {
			if !slices.Contains(kids, k) {
				kids = append(kids, k)
			}
		}
		return kids, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) ids(ctx context.Context, query string, params map[string]any) ([]graph.ID, error) {
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]graph.ID, error) {
		recs, err := collect(ctx, tx, query, params)
		if err != nil {
			return nil, err
		}
		ids := make([]graph.ID, 0, len(recs))
		for _, rec := range recs {
			if id, _ := rec.Get("id"); id != nil {
				ids = append(ids, id.(string))
			}
		}
		return ids, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// neo4jDate converts a date for a query; the zero date means today.
func (s *Store) neo4jDate(d graph.Date) neo4j.Date {
	if d.IsZero() {
		d = s.today()
	}
	return neo4j.DateOf(d.Time())
}

// The unattached queries find a person or household that nothing links to
// yet: a record just created, which a worker may then attach to a child on
// their caseload without it first being in anyone's network.
const (
	unattachedPerson = `MATCH (a:Person {id: $id})
WHERE NOT (a)-[:CONNECTED|LIVES_IN|CONTACT]-() AND NOT ()-[:HOLDS]->(a)` + scopeFound
	unattachedHousehold = `MATCH (h:Household {id: $id})
WHERE NOT ()-[:LIVES_IN]->(h)` + scopeFound
	// unallocated: a person no worker holds on $day.
	unallocated = `MATCH (c:Person {id: $id})
WHERE NOT EXISTS { MATCH (:Worker)-[h:HOLDS]->(c)
  WHERE (h.since IS NULL OR h.since <= $day) AND (h.until IS NULL OR h.until >= $day) }` + scopeFound
)

// Unattached reports whether the person or household id exists and
// nothing links to it yet: no relationship, residence, contact or
// assignment for a person, no residence for a household. An unknown id
// is not unattached (false, nil).
func (s *Store) Unattached(ctx context.Context, id graph.ID, kind string) (bool, error) {
	var query string
	switch kind {
	case KindPerson:
		query = unattachedPerson
	case KindHousehold:
		query = unattachedHousehold
	default:
		return false, graph.Invalid("kind", "must be person or household")
	}
	return s.exists(ctx, query, map[string]any{"id": id})
}

// Unallocated reports whether person id exists and no worker holds it on
// day through a current assignment.
func (s *Store) Unallocated(ctx context.Context, id graph.ID, day graph.Date) (bool, error) {
	return s.exists(ctx, unallocated, map[string]any{"id": id, "day": s.neo4jDate(day)})
}

// exists reports whether query returns a row.
func (s *Store) exists(ctx context.Context, query string, params map[string]any) (bool, error) {
	if params["id"] == "" {
		return false, nil
	}
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (bool, error) {
		recs, err := collect(ctx, tx, query, params)
		return len(recs) > 0, err
	})
	if err != nil {
		return false, err
	}
	return out, nil
}
