package api

import (
	"context"
	"net/http"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// planRoutes adds the plan action endpoints: recorded and listed under
// the child, read by id, and their status changed.
func (s *Server) planRoutes(v1 *echo.Group) {
	v1.POST("/children/:id/plan-actions", s.createPlanAction)
	v1.GET("/children/:id/plan-actions", s.listPlanActions)
	v1.GET("/plan-actions/:id", getHandler(s.records.PlanAction))
	v1.PUT("/plan-actions/:id/status", s.setPlanActionStatus)
}

// createPlanAction is POST /children/{id}/plan-actions: the body's child,
// if given, must be the path's; the person, if any, must be in the
// caller's caseload networks.
func (s *Server) createPlanAction(c echo.Context) error {
	return createUnderChild(s, c, "pa-", "/api/v1/plan-actions/", func(a *graph.PlanAction) *graph.ID { return &a.Child },
		func(a *graph.PlanAction) *string { return &a.ID }, planActionRefs, s.records.CreatePlanAction)
}

func planActionRefs(a *graph.PlanAction) []ref {
	refs := []ref{{"child", "person", a.Child}}
	if a.Person != "" {
		refs = append(refs, ref{"person", "person", a.Person})
	}
	return refs
}

// planActionList is the body of GET /children/{id}/plan-actions.
type planActionList struct {
	Items []graph.PlanAction `json:"items"`
}

// listPlanActions is GET /children/{id}/plan-actions, by due date.
func (s *Server) listPlanActions(c echo.Context) error {
	as, err := s.records.PlanActions(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, planActionList{Items: as})
}

// statusBody is the body of PUT /plan-actions/{id}/status.
type statusBody struct {
	Status  graph.ActionStatus `json:"status"`
	Reason  string             `json:"reason,omitempty"`
	Changed graph.Date         `json:"changed,omitzero"` // zero: today
}

// setPlanActionStatus is PUT /plan-actions/{id}/status (PUT: it sets the
// status, whatever it was).
func (s *Server) setPlanActionStatus(c echo.Context) error {
	var b statusBody
	if err := decode(c, &b, MaxBodyBytes); err != nil {
		return err
	}
	if b.Changed.IsZero() {
		b.Changed = graph.DateOf(s.today())
	}
	a, err := s.records.SetPlanActionStatus(c.Request().Context(), c.Param("id"), b.Status, b.Reason, b.Changed)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, a)
}

// planStore is what the plan action endpoints need from storage.
type planStore interface {
	CreatePlanAction(ctx context.Context, a graph.PlanAction) error
	PlanAction(ctx context.Context, id graph.ID) (graph.PlanAction, error)
	PlanActions(ctx context.Context, child graph.ID) ([]graph.PlanAction, error)
	SetPlanActionStatus(ctx context.Context, id graph.ID, status graph.ActionStatus, reason string, changed graph.Date) (graph.PlanAction, error)
}
