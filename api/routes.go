package api

import (
	_ "embed"
	"net/http"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/viz"
	"github.com/labstack/echo/v4"
)

//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the OpenAPI 3 document served at /api/v1/openapi.json.
func OpenAPI() []byte { return openAPIDoc }

func (s *Server) routes() {
	e := s.echo
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	v1 := e.Group("/api/v1")
	v1.GET("/openapi.json", func(c echo.Context) error {
		return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openAPIDoc)
	})

	v1.GET("/children", s.listChildren)
	v1.GET("/children/:id/network", s.network)
	v1.GET("/children/:id/flags", s.flags)
	v1.GET("/children/:id/sibling-group", s.siblingGroup)
	v1.GET("/reports/sibling-placements", s.siblingPlacements)
	v1.GET("/reports/sibling-placements/series", s.siblingPlacementSeries)
	v1.GET("/children/:id/map.svg", s.childMap(viz.SVG))
	v1.GET("/children/:id/map.png", s.childMap(viz.PNG))
	v1.GET("/children/:id/map.dot", s.childMap(viz.DOT))
	v1.GET("/children/:id/sibling-group/map.svg", s.siblingGroupMap)

	st := s.records
	v1.POST("/people", createHandler(s, "p-", "/api/v1/people", func(p *graph.Person) *string { return &p.ID }, nil, st.CreatePerson))
	v1.GET("/people/:id", getHandler(st.Person))
	v1.PUT("/people/:id", updateHandler(func(p *graph.Person) *string { return &p.ID }, st.UpdatePerson, st.Person))

	v1.POST("/households", createHandler(s, "h-", "/api/v1/households", func(h *graph.Household) *string { return &h.ID }, nil, st.CreateHousehold))
	v1.GET("/households/:id", getHandler(st.Household))
	v1.PUT("/households/:id", updateHandler(func(h *graph.Household) *string { return &h.ID }, st.UpdateHousehold, st.Household))

	v1.POST("/residences", createHandler(s, "res-", "/api/v1/residences", func(r *graph.Residence) *string { return &r.ID },
		residenceRefs, st.CreateResidence))
	v1.GET("/residences/:id", getHandler(st.Residence))
	v1.POST("/people/:id/moves", s.move)
	v1.POST("/residences/:id/end", endHandler(st.EndResidence, st.Residence))

	v1.POST("/relationships", createHandler(s, "rel-", "/api/v1/relationships", func(r *graph.Relationship) *string { return &r.ID },
		relationshipRefs, st.CreateRelationship))
	v1.GET("/relationships/:id", getHandler(st.Relationship))
	v1.PUT("/relationships/:id", s.updateRelationship)
	v1.POST("/relationships/:id/end", endHandler(st.EndRelationship, st.Relationship))

	v1.POST("/contacts", createHandler(s, "c-", "/api/v1/contacts", func(r *graph.Contact) *string { return &r.ID },
		contactRefs, st.CreateContact))
	v1.GET("/contacts/:id", getHandler(st.Contact))

	v1.POST("/assignments", s.allocate)
	v1.GET("/assignments/:id", getHandler(st.Assignment))
	v1.POST("/assignments/:id/end", endHandler(st.EndAssignment, st.Assignment))

	s.assessmentRoutes(v1)
	s.planRoutes(v1)

	v1.POST("/import", s.importDoc)
	v1.GET("/export", s.exportDoc)
	v1.GET("/export/pseudonymised", s.exportPseudonymised)
	v1.GET("/audit", s.audit)
	v1.GET("/tokens", s.listTokens)
	v1.POST("/tokens", s.createToken)
	v1.POST("/tokens/:id/revoke", s.revokeToken)

	s.webRoutes() // the web app at / (web_routes.go)

}
