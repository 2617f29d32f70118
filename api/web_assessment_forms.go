package api

import (
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// The web app's forms for assessments and plan actions: the same save
// path (saveNew), rules and audit as the API's POSTs.

func (s *Server) webAssessmentRoutes() {
	e := s.echo
	e.GET("/children/:id/assessments/new", s.newAssessment)
	e.POST("/children/:id/assessments", s.createAssessmentWeb)
	e.GET("/children/:id/plan-actions/new", s.newPlanAction)
	e.POST("/children/:id/plan-actions", s.createPlanActionWeb)
}

// --- assessment ---

func (s *Server) assessmentForm(c echo.Context, n *graph.Network) *form {
	return &form{Title: "Record an assessment", Action: s.childURL(c) + "/assessments", Submit: "Record assessment", Back: s.childURL(c),
		Intro: "The Family Connections Assessment: the first stage when a child becomes looked after, the fuller one, or a review.",
		Sets: []fieldset{{Fields: []*field{
			{Name: "date", Label: "Date of the assessment", Type: "date", Hint: dateHint},
			{Name: "stage", Label: "Stage", Type: "select", Options: options(graph.AssessmentStages, "Choose")},
			{Name: "worker", Label: "Worker (user name)"},
			{Name: "contributors", Label: "Who contributed (optional)", Type: "textarea", Hint: "One on each line, for example: Amy, foster carer"},
			{Name: "notes", Label: "Notes (optional)", Type: "textarea"},
		}}, {Legend: "One connection assessed (optional)", Fields: []*field{
			{Name: "person", Label: "Connection with", Type: "select", Options: s.peopleOptions(c.Request().Context(), n, c.Param("id"), "", false)},
			{Name: "living", Label: "Living", Type: "select", Options: options(graph.AssessedLivings, "Not assessed")},
			{Name: "reason", Label: "Why apart (with live apart)", Type: "textarea"},
			{Name: "contact.mode", Label: "Contact recommended", Type: "select", Options: options(graph.ContactModes, "Not assessed")},
			{Name: "contact.frequency", Label: "How often", Type: "select", Options: options(graph.Frequencies, "Not set")},
		}}}}
}

func (s *Server) newAssessment(c echo.Context) error {
	n, _, err := s.networkOf(c)
	if err != nil {
		return err
	}
	f := s.assessmentForm(c, n)
	f.field("date").Value = graph.DateOf(s.today()).String()
	f.field("worker").Value = principal(c).User
	return s.showForm(c, f)
}

func (s *Server) createAssessmentWeb(c echo.Context) error {
	n, _, err := s.networkOf(c)
	if err != nil {
		return err
	}
	f := s.assessmentForm(c, n)
	v := formValues(c)
	f.fill(v)
	a := graph.Assessment{Child: c.Param("id"), Stage: graph.AssessmentStage(v.Get("stage")), Worker: strings.TrimSpace(v.Get("worker")),
		Notes: v.Get("notes")}
	for _, line := range strings.Split(v.Get("contributors"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			a.Contributors = append(a.Contributors, line)
		}
	}
	if p := v.Get("person"); p != "" {
		ac := graph.AssessedConnection{Person: p, Living: graph.AssessedLiving(v.Get("living")), Reason: strings.TrimSpace(v.Get("reason"))}
		if m := v.Get("contact.mode"); m != "" {
			ac.Contact = &graph.Arrangement{Mode: graph.ContactMode(m), Frequency: graph.Frequency(v.Get("contact.frequency"))}
		}
		a.Connections = []graph.AssessedConnection{ac}
	}
	f.dates(v, map[string]*graph.Date{"date": &a.Date})
	if len(f.Errors) == 0 {
		err := saveNew(s, c, &a, "as-", func(a *graph.Assessment) *string { return &a.ID }, assessmentRefs, s.records.CreateAssessment)
		if err == nil {
			return s.done(c, "The assessment was recorded.")
		}
		if !f.problems(err, func(n string) string {
			n = strings.TrimPrefix(n, "connections[0].")
			if n == "connections[0]" {
				return "living"
			}
			return n
		}) {
			return err
		}
	}
	return s.showForm(c, f)
}

// --- plan action ---

func (s *Server) planActionForm(c echo.Context, n *graph.Network) *form {
	people := s.peopleOptions(c.Request().Context(), n, c.Param("id"), "", false)
	people[0].Label = "The plan as a whole"
	return &form{Title: "Add a plan action", Action: s.childURL(c) + "/plan-actions", Submit: "Add to the plan", Back: s.childURL(c),
		Intro: "What will be done to keep a connection, by whom and when.",
		Sets: []fieldset{{Fields: []*field{
			{Name: "person", Label: "Connection", Type: "select", Options: people},
			{Name: "what", Label: "What will be done", Type: "textarea", Hint: "For example: arrange monthly Saturday contact with Amy at the family centre"},
			{Name: "owner", Label: "Who owns it", Type: "select", Options: options(graph.ActionOwners, "Choose")},
			{Name: "owner_name", Label: "Their name (optional)"},
			{Name: "due", Label: "Due by", Type: "date", Hint: dateHint},
			{Name: "child_words", Label: "In the child's words (optional)", Type: "textarea", Hint: "Shown on My Connections Plan"},
		}}}}
}

func (s *Server) newPlanAction(c echo.Context) error {
	n, _, err := s.networkOf(c)
	if err != nil {
		return err
	}
	return s.showForm(c, s.planActionForm(c, n))
}

func (s *Server) createPlanActionWeb(c echo.Context) error {
	n, _, err := s.networkOf(c)
	if err != nil {
		return err
	}
	f := s.planActionForm(c, n)
	v := formValues(c)
	f.fill(v)
	a := graph.PlanAction{Child: c.Param("id"), Person: v.Get("person"), What: strings.TrimSpace(v.Get("what")),
		Owner: graph.ActionOwner(v.Get("owner")), OwnerName: strings.TrimSpace(v.Get("owner_name")),
		Made: graph.DateOf(s.today()), Status: graph.ActionPlanned, ChildWords: strings.TrimSpace(v.Get("child_words"))}
	f.dates(v, map[string]*graph.Date{"due": &a.Due})
	if len(f.Errors) == 0 {
		err := saveNew(s, c, &a, "pa-", func(a *graph.PlanAction) *string { return &a.ID }, planActionRefs, s.records.CreatePlanAction)
		if err == nil {
			return s.done(c, "The action was added to the plan.")
		}
		if !f.problems(err, nil) {
			return err
		}
	}
	return s.showForm(c, f)
}
