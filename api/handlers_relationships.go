package api

import (
	"context"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// updateRelationship replaces a relationship. The query parameter
// effective (default today) dates a change of its details: the store keeps
// the replaced ones in its history as they held until the day before.
func (s *Server) updateRelationship(c echo.Context) error {
	effective, err := dateParam(c, "effective", graph.DateOf(s.today()))
	if err != nil {
		return err
	}
	save := func(ctx context.Context, r graph.Relationship) error {
		return s.records.UpdateRelationship(ctx, r, effective)
	}
	return updateHandler(func(r *graph.Relationship) *string { return &r.ID }, save, s.records.Relationship)(c)
}
