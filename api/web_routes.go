package api

import (
	"github.com/kinmap/kinmap/viz"
)

// webRoutes registers the web app; each route has its rule in rules.go.
func (s *Server) webRoutes() {
	e := s.echo
	s.webAssessmentRoutes() // web_assessment_forms.go
	e.GET("/", s.webHome)
	e.GET("/assets/*", s.asset)
	e.GET("/signin", s.signinPage)
	e.POST("/signin/demo", s.demoSignIn)
	e.POST("/signout", s.signOut)
	e.GET("/auth/login", s.oidcLogin)
	e.GET("/auth/callback", s.oidcCallback)

	e.GET("/caseload", s.caseloadPage)
	e.GET("/children/:id", s.childPage)
	e.GET("/children/:id/map.svg", s.childMap(viz.SVG))
	e.GET("/children/:id/map.png", s.childMap(viz.PNG))
	e.GET("/children/:id/sibling-group", s.siblingGroupPage)
	e.GET("/children/:id/review", s.reviewPage)
	e.GET("/children/:id/plan", s.planPage)
	e.GET("/children/:id/people/new", s.newPerson)
	e.POST("/children/:id/people", s.createPersonWeb)
	e.GET("/children/:id/relationships/new", s.newRelationship)
	e.POST("/children/:id/relationships", s.createRelationshipWeb)
	e.GET("/children/:id/contacts/new", s.newContact)
	e.POST("/children/:id/contacts", s.createContactWeb)
	e.GET("/children/:id/households/new", s.newHousehold)
	e.POST("/children/:id/households", s.createHouseholdWeb)
	e.GET("/children/:id/moves/new", s.newMove)
	e.POST("/children/:id/moves", s.moveWeb)
	e.GET("/children/:id/relationships/:rel/end", s.endRelationshipWeb)
	e.POST("/children/:id/relationships/:rel/end", s.endRelationshipWeb)
	e.GET("/children/:id/residences/:res/end", s.endResidenceWeb)
	e.POST("/children/:id/residences/:res/end", s.endResidenceWeb)

	e.GET("/reports", s.reportPage)
	e.GET("/reports/sibling-placements.csv", s.reportCSVPage)
	e.GET("/admin/audit", s.auditPage)
	e.GET("/admin/tokens", s.tokensPage)
	e.POST("/admin/tokens", s.createTokenWeb)
	e.POST("/admin/tokens/:id/revoke", s.revokeTokenWeb)
	s.webEditRoutes()
}

// webEditRoutes registers the forms that change a stored record.
func (s *Server) webEditRoutes() {
	e := s.echo
	e.GET("/children/:id/relationships/:rel/edit", s.editRelationshipWeb)
	e.POST("/children/:id/relationships/:rel/edit", s.editRelationshipWeb)
	e.GET("/children/:id/people/:person/edit", s.editPersonWeb)
	e.POST("/children/:id/people/:person/edit", s.editPersonWeb)
}
