package neo4jstore

import (
	"context"
	"fmt"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

const viaExists = "OPTIONAL MATCH (v:Person {id: $id}) RETURN v IS NOT NULL AS ok"

// checkVia refuses a relationship whose contact arrangement goes through
// a person who is not stored, or (for a writer with a scope) is outside
// the writer's scope, as the API answers any id that does not exist:
// ErrNotFound naming contact.via, nothing written. It reads before the
// write's transaction: people are never deleted, so a person found here
// is still there when the relationship is written.
func (s *Store) checkVia(ctx context.Context, r graph.Relationship) error {
	via := r.ContactVia()
	if via == "" {
		return nil
	}
	ok, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, viaExists, map[string]any{"id": via})
		if err != nil {
			return nil, err
		}
		v, _ := recs[0].Get("ok")
		return v == true, nil
	})
	if err != nil {
		return err
	}
	if ok == true {
		if ws, scoped := graph.WriteScopeFrom(ctx); scoped {
			ok, err = s.InScope(ctx, ws.Children, via, KindPerson, ws.Today)
			if err != nil {
				return err
			}
		}
	}
	if ok != true {
		return graph.NotFound("contact.via", fmt.Sprintf("names %q, which does not exist", via))
	}
	return nil
}
