package neo4jstore

import (
	"context"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// nodeQueries are the constant queries for one node label.
type nodeQueries struct {
	noun   string // for messages: "person", "household"
	create string // $props
	get    string // $id -> n
	update string // $id, $props -> n
}

var (
	personQ = nodeQueries{noun: "person",
		create: "CREATE (n:Person) SET n = $props",
		get:    "MATCH (n:Person {id: $id}) RETURN n{.*} AS n",
		update: "MATCH (n:Person {id: $id}) SET n = $props RETURN n{.*} AS n",
	}
	householdQ = nodeQueries{noun: "household",
		create: "CREATE (n:Household) SET n = $props",
		get:    "MATCH (n:Household {id: $id}) RETURN n{.*} AS n",
		update: "MATCH (n:Household {id: $id}) SET n = $props RETURN n{.*} AS n",
	}
)

func (s *Store) createNode(ctx context.Context, q nodeQueries, p props) error {
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		_, err := collect(ctx, tx, q.create, map[string]any{"props": map[string]any(p)})
		return nil, err
	})
	return err
}

func (s *Store) getNode(ctx context.Context, q nodeQueries, id graph.ID) (row, error) {
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (row, error) {
		recs, err := collect(ctx, tx, q.get, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, graph.NotFound("id", "no "+q.noun+" with this id")
		}
		v, _ := recs[0].Get("n")
		return asRow(v), nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) updateNode(ctx context.Context, q nodeQueries, id graph.ID, p props) error {
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, q.update, map[string]any{"id": id, "props": map[string]any(p)})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, graph.NotFound("id", "no "+q.noun+" with this id")
		}
		return nil, nil
	})
	return err
}

// CreatePerson stores a new person. The person must be valid.
func (s *Store) CreatePerson(ctx context.Context, p graph.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.createNode(ctx, personQ, personProps(p))
}

// Person returns the person with id.
func (s *Store) Person(ctx context.Context, id graph.ID) (graph.Person, error) {
	r, err := s.getNode(ctx, personQ, id)
	if err != nil {
		return graph.Person{}, err
	}
	return personFrom(r), nil
}

// UpdatePerson replaces the stored person with p (same id).
func (s *Store) UpdatePerson(ctx context.Context, p graph.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.updateNode(ctx, personQ, p.ID, personProps(p))
}

// CreateHousehold stores a new household.
func (s *Store) CreateHousehold(ctx context.Context, h graph.Household) error {
	if err := h.Validate(); err != nil {
		return err
	}
	return s.createNode(ctx, householdQ, householdProps(h))
}

// Household returns the household with id.
func (s *Store) Household(ctx context.Context, id graph.ID) (graph.Household, error) {
	r, err := s.getNode(ctx, householdQ, id)
	if err != nil {
		return graph.Household{}, err
	}
	return householdFrom(r), nil
}

// UpdateHousehold replaces the stored household with h (same id).
func (s *Store) UpdateHousehold(ctx context.Context, h graph.Household) error {
	if err := h.Validate(); err != nil {
		return err
	}
	return s.updateNode(ctx, householdQ, h.ID, householdProps(h))
}
