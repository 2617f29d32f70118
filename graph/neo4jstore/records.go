package neo4jstore

import (
	"context"
	"slices"

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

// historyKept answers a client that writes a relationship's history.
const historyKept = "is kept by kinmap; leave it out"

// CreateRelationship records a relationship between two stored people. It
// has no history yet: that comes from updates (or an import).
func (s *Store) CreateRelationship(ctx context.Context, r graph.Relationship) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if len(r.History) > 0 {
		return graph.Invalid("history", historyKept)
	}
	if err := s.checkVia(ctx, r); err != nil {
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
// change. When the views, contact arrangement, restriction or separation
// change, the stored ones join History, in the same transaction, as a
// version that held until the day before effective (zero: today). An
// effective date before the current details took effect (the day after
// the last version, or since) is refused; on that very day the stored
// details never held, so they are replaced without a version. When the
// details do not change, effective plays no part. r.History must be empty
// (the stored history is kept) or equal to the stored history.
func (s *Store) UpdateRelationship(ctx context.Context, r graph.Relationship, effective graph.Date) error {
	bare := r
	bare.History = nil
	if err := bare.Validate(); err != nil {
		return err
	}
	if err := s.checkVia(ctx, bare); err != nil {
		return err
	}
	if effective.IsZero() {
		effective = s.today()
	}
	check := func(cur row, p props) error {
		stored := relationshipFrom(cur)
		var err error
		if stored.History, err = historyFrom(cur); err != nil {
			return err
		}
		if len(r.History) > 0 && !slices.EqualFunc(r.History, stored.History, sameVersion) {
			return graph.Invalid("history", historyKept)
		}
		next := bare
		next.History = stored.History
		if !stored.Details(graph.Date{}).SameDetails(r.Details(graph.Date{})) {
			start := r.Since
			if n := len(stored.History); n > 0 {
				start = stored.History[n-1].Until.AddDays(1)
			}
			switch {
			case !start.IsZero() && effective.Before(start):
				return graph.Invalid("effective", "must not be before "+start.String()+", when the current details took effect")
			case !effective.Equal(start):
				next.History = append(slices.Clip(stored.History), stored.Details(effective.AddDays(-1)))
			}
		}
		if err := next.Validate(); err != nil { // since may have moved past a version
			return err
		}
		p.str("history", historyText(next.History))
		return nil
	}
	return s.updateEdge(ctx, relationshipQ, r.ID, r.From, r.To, relationshipProps(bare), check)
}

func sameVersion(a, b graph.Version) bool { return a.Until.Equal(b.Until) && a.SameDetails(b) }

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
