package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// assessmentRoutes adds the assessment endpoints: recorded and listed
// under the child, read by id.
func (s *Server) assessmentRoutes(v1 *echo.Group) {
	v1.POST("/children/:id/assessments", s.createAssessment)
	v1.GET("/children/:id/assessments", s.listAssessments)
	v1.GET("/assessments/:id", getHandler(s.records.Assessment))
}

// createAssessment is POST /children/{id}/assessments: the body's child,
// if given, must be the path's; the people it assesses must be in the
// caller's caseload networks.
func (s *Server) createAssessment(c echo.Context) error {
	return createUnderChild(s, c, "as-", "/api/v1/assessments/", func(a *graph.Assessment) *graph.ID { return &a.Child },
		func(a *graph.Assessment) *string { return &a.ID }, assessmentRefs, s.records.CreateAssessment)
}

// assessmentRefs are the people an assessment links, for requireInScope.
func assessmentRefs(a *graph.Assessment) []ref {
	refs := []ref{{"child", "person", a.Child}}
	for i, x := range a.Connections {
		refs = append(refs, ref{fmt.Sprintf("connections[%d].person", i), "person", x.Person})
	}
	return refs
}

// assessmentList is the body of GET /children/{id}/assessments.
type assessmentList struct {
	Items []graph.Assessment `json:"items"`
}

// listAssessments is GET /children/{id}/assessments, oldest first.
func (s *Server) listAssessments(c echo.Context) error {
	as, err := s.records.Assessments(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, assessmentList{Items: as})
}

// assessmentStore is what the assessment endpoints need from storage.
type assessmentStore interface {
	CreateAssessment(ctx context.Context, a graph.Assessment) error
	Assessment(ctx context.Context, id graph.ID) (graph.Assessment, error)
	Assessments(ctx context.Context, child graph.ID) ([]graph.Assessment, error)
}
