package neo4jstore

import (
	"context"

	"github.com/kinmap/kinmap/graph"
)

// CreateResidence records that a person lives (or lived) in a household.
func (s *Store) CreateResidence(ctx context.Context, r graph.Residence) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.createEdge(ctx, residenceQ, r.Person, r.Household, residenceProps(r))
}

// Residence returns the residence with id.
func (s *Store) Residence(ctx context.Context, id graph.ID) (graph.Residence, error) {
	r, err := s.getEdge(ctx, residenceQ, id)
	if err != nil {
		return graph.Residence{}, err
	}
	return residenceFrom(r), nil
}

// EndResidence sets the date a residence ended (a move out).
func (s *Store) EndResidence(ctx context.Context, id graph.ID, until graph.Date) error {
	return s.endEdge(ctx, residenceQ, id, until)
}

// CreateRelationship records a relationship between two stored people.
func (s *Store) CreateRelationship(ctx context.Context, r graph.Relationship) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.createEdge(ctx, relationshipQ, r.From, r.To, relationshipProps(r))
}

// Relationship returns the relationship with id.
func (s *Store) Relationship(ctx context.Context, id graph.ID) (graph.Relationship, error) {
	r, err := s.getEdge(ctx, relationshipQ, id)
	if err != nil {
		return graph.Relationship{}, err
	}
	return relationshipFrom(r), nil
}

// UpdateRelationship replaces a relationship's details; its ends cannot
// change.
func (s *Store) UpdateRelationship(ctx context.Context, r graph.Relationship) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.updateEdge(ctx, relationshipQ, r.ID, r.From, r.To, relationshipProps(r))
}

// EndRelationship sets the date a relationship ended; it stays on record.
func (s *Store) EndRelationship(ctx context.Context, id graph.ID, until graph.Date) error {
	return s.endEdge(ctx, relationshipQ, id, until)
}

// CreateContact records a contact event.
func (s *Store) CreateContact(ctx context.Context, c graph.Contact) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.createEdge(ctx, contactQ, c.From, c.To, contactProps(c))
}

// Contact returns the contact event with id.
func (s *Store) Contact(ctx context.Context, id graph.ID) (graph.Contact, error) {
	r, err := s.getEdge(ctx, contactQ, id)
	if err != nil {
		return graph.Contact{}, err
	}
	return contactFrom(r), nil
}

// CreateAssignment records that a worker holds a child's case.
func (s *Store) CreateAssignment(ctx context.Context, a graph.Assignment) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.createEdge(ctx, assignmentQ, a.Worker, a.Child, assignmentProps(a))
}

// Assignment returns the assignment with id.
func (s *Store) Assignment(ctx context.Context, id graph.ID) (graph.Assignment, error) {
	r, err := s.getEdge(ctx, assignmentQ, id)
	if err != nil {
		return graph.Assignment{}, err
	}
	return assignmentFrom(r), nil
}

// EndAssignment sets the date a worker stopped holding a case.
func (s *Store) EndAssignment(ctx context.Context, id graph.ID, until graph.Date) error {
	return s.endEdge(ctx, assignmentQ, id, until)
}
