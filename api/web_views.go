package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/report"
	"github.com/kinmap/kinmap/viz"
	"github.com/labstack/echo/v4"
)

type memberRow struct {
	ID, Name, Home string
	LookedAfter    bool
}

type pairRow struct{ A, B, Last, Together string }

// siblingGroupPage shows the child's brothers and sisters: where each
// lives, whether they live together, contact between each pair
// (read_sibling_group).
func (s *Server) siblingGroupPage(c echo.Context) error {
	m, err := s.readMapRequest(c, true)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	n, err := s.networks.SiblingNetwork(ctx, c.Param("id"), m.AsOf)
	if err != nil {
		return err
	}
	g := siblingGroupOf(n)
	ix := graph.NewIndex(n)
	var rows []memberRow
	for _, mem := range g.Members {
		p := ix.Person(mem.Person)
		if p == nil {
			continue
		}
		rows = append(rows, memberRow{ID: p.ID, Name: p.DisplayName(), Home: homeText(ix.Household(mem.Household)), LookedAfter: mem.LookedAfter})
	}
	var pairs []pairRow
	// Pairs of looked-after members, those living apart first: what a
	// review of the group turns on.
	for i := range rows {
		for j := i + 1; j < len(rows); j++ {
			if !rows[i].LookedAfter || !rows[j].LookedAfter {
				continue
			}
			pr := pairRow{A: rows[i].Name, B: rows[j].Name, Last: "none recorded", Together: "no"}
			if d, ok := ix.LastContact(rows[i].ID, rows[j].ID, m.AsOf); ok {
				pr.Last = longDate(d)
			}
			if g.Members[i].Household != "" && g.Members[i].Household == g.Members[j].Household {
				pr.Together = "yes"
			}
			pairs = append(pairs, pr)
		}
	}
	slices.SortStableFunc(pairs, func(a, b pairRow) int { return strings.Compare(a.Together, b.Together) })
	dot, err := mapDOT(ctx, s.networks, m, n, nil)
	if err != nil {
		return err
	}
	svg, err := s.renderCached(c, mapKey(dot, viz.SVG), dot, viz.SVG)
	if err != nil {
		return err
	}
	child := ix.Person(n.Child)
	return s.render(c, http.StatusOK, "siblings", "Brothers and sisters of "+child.DisplayName(), struct {
		ID, Name, Status string
		Members          []memberRow
		Pairs            []pairRow
		Map              []byte
	}{n.Child, child.DisplayName(), string(g.Status), rows, pairs, inlineSVG(svg)})
}

type changeRow struct{ Kind, Person, Detail string }

// reviewPage shows what changed since the last review: the review map
// and the list of changes (read_flags with since).
func (s *Server) reviewPage(c echo.Context) error {
	day := graph.DateOf(s.today())
	m, err := s.readMapRequest(c, false)
	if err != nil {
		return err
	}
	if m.Since.IsZero() {
		m.Since = day.AddDays(-183)
	}
	ctx := c.Request().Context()
	id := c.Param("id")
	n, err := s.networks.Network(ctx, id, m.AsOf)
	if err != nil {
		return err
	}
	before, err := s.networks.Network(ctx, id, m.Since)
	if err != nil {
		return err
	}
	ix, bx := graph.NewIndex(n), graph.NewIndex(before)
	var rows []changeRow
	for _, ch := range analysis.Review(before, n) {
		name := ch.Person
		if p := ix.Person(ch.Person); p != nil {
			name = p.DisplayName()
		} else if p := bx.Person(ch.Person); p != nil {
			name = p.DisplayName()
		}
		rows = append(rows, changeRow{Kind: words(string(ch.Kind)), Person: name, Detail: ch.Detail})
	}
	dot, err := mapDOT(ctx, s.networks, m, n, nil)
	if err != nil {
		return err
	}
	svg, err := s.renderCached(c, mapKey(dot, viz.SVG), dot, viz.SVG)
	if err != nil {
		return err
	}
	name := ix.Person(id).DisplayName()
	return s.render(c, http.StatusOK, "review", "Review for "+name, struct {
		ID, Name, Since string
		SinceDate       graph.Date
		Changes         []changeRow
		Map             []byte
	}{id, name, m.Since.String(), m.Since, rows, inlineSVG(svg)})
}

type planRow struct{ Name, Words, Contact, Last string }

// planPage is "My Connections Plan": the child-audience map, the
// child's own words, the people they will see and when (read_network).
func (s *Server) planPage(c echo.Context) error {
	ctx := c.Request().Context()
	id := c.Param("id")
	day := graph.DateOf(s.today())
	n, err := s.networks.Network(ctx, id, day)
	if err != nil {
		return err
	}
	opt := s.options()
	m := MapRequest{Child: id, Audience: viz.Child, AsOf: day, Generated: day, Options: &opt}
	dot, err := mapDOT(ctx, s.networks, m, n, nil)
	if err != nil {
		return err
	}
	svg, err := s.renderCached(c, mapKey(dot, viz.SVG), dot, viz.SVG)
	if err != nil {
		return err
	}
	ix := graph.NewIndex(n)
	child := ix.Person(id)
	var rows []planRow
	for _, r := range ix.Relationships(id) {
		o := ix.Person(r.Other(id))
		if o == nil || (!r.Until.IsZero() && r.Until.Before(day)) || r.Kind == graph.RelProfessional {
			continue
		}
		if r.Contact == nil || r.Contact.Mode == graph.ContactNone {
			continue
		}
		row := planRow{Name: o.FirstName(), Contact: words(string(r.Contact.Mode))}
		if r.Contact.Frequency != "" {
			row.Contact += ", " + words(string(r.Contact.Frequency))
		}
		if v := r.ViewOf(id); v != nil {
			row.Words = v.Words
		}
		rows = append(rows, row)
	}
	return s.render(c, http.StatusOK, "plan", "My Connections Plan: "+child.FirstName(), struct {
		ID, Name string
		People   []planRow
		Map      []byte
		Today    graph.Date
		Actions  []planActionRow // web_assessment.go
	}{id, child.FirstName(), rows, inlineSVG(svg), day, childPlanActions(ix, id, day)})
}

// reportPage is the authority's sibling placement report after
// disclosure control, the same as the API's: counts and rates only,
// nothing naming a child (read_report).
func (s *Server) reportPage(c echo.Context) error {
	asOf, err := s.asOf(c)
	if err != nil {
		return err
	}
	pub, err := s.publishedReport(c, asOf)
	if err != nil {
		return err
	}
	charts, err := report.ChartImages(pub)
	if err != nil {
		return err
	}
	// A quarterly series when the page asks for one (?from&to).
	var series *analysis.PublishedSeries
	var seriesChart report.ChartImage
	if c.QueryParam("from") != "" || c.QueryParam("to") != "" {
		ps, err := s.publishedSeries(c)
		if err != nil {
			return err
		}
		if seriesChart, err = report.SeriesImage(&ps); err != nil {
			return err
		}
		series = &ps
	}
	return s.render(c, http.StatusOK, "report", "Sibling placement report", struct {
		R           analysis.PublishedReport
		AsOf        string
		Charts      []report.ChartImage // by number of siblings, by placement type
		Rates       []report.RateTable  // the breakdowns without a chart
		Pairs       []report.PairTable
		Series      *analysis.PublishedSeries
		SeriesChart report.ChartImage
		From, To    string
	}{pub, asOf.String(), charts, report.RateTables(pub)[2:], report.PairTables(pub), series, seriesChart,
		c.QueryParam("from"), c.QueryParam("to")})
}

// reportCSVPage downloads the same report as CSV.
func (s *Server) reportCSVPage(c echo.Context) error {
	asOf, err := s.asOf(c)
	if err != nil {
		return err
	}
	pub, err := s.publishedReport(c, asOf)
	if err != nil {
		return err
	}
	return reportCSV(c, pub)
}

// auditPage is the audit trail with filters (read_audit).
func (s *Server) auditPage(c echo.Context) error {
	f := graph.AuditFilter{Child: c.QueryParam("child"), User: c.QueryParam("user"), Limit: 200}
	var problems []string
	// Every bad date is reported, in this order.
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		name, dst := p.name, p.dst
		if v := c.QueryParam(name); v != "" {
			d, err := graph.ParseDate(v)
			if err != nil {
				problems = append(problems, "The "+name+" date must be year-month-day, for example 2024-03-31.")
				continue
			}
			*dst = d.Time()
			if name == "to" {
				*dst = d.AddDays(1).Time()
			}
		}
	}
	var events []graph.AuditEvent
	var truncated bool
	if len(problems) == 0 {
		if err := f.Validate(); err != nil {
			problems = append(problems, sentence(err.Error()))
		} else {
			var err error
			if events, truncated, err = s.readAudit(c.Request().Context(), f); err != nil {
				return err
			}
		}
	}
	status := http.StatusOK
	if len(problems) > 0 {
		status = http.StatusBadRequest
	}
	return s.render(c, status, "audit", "Audit trail", struct {
		Events                []graph.AuditEvent
		Child, User, From, To string
		Problems              []string
		Truncated             bool
	}{events, f.Child, f.User, c.QueryParam("from"), c.QueryParam("to"), problems, truncated})
}

// tokensPage lists API tokens; a token just created is shown once.
func (s *Server) tokensPage(c echo.Context) error { return s.showTokens(c, "", nil, http.StatusOK) }

func (s *Server) showTokens(c echo.Context, secret string, probs []string, status int) error {
	list, err := s.tokens.Tokens(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, status, "tokens", "API tokens", struct {
		Tokens   []graph.APIToken
		Secret   string
		Problems []string
		Roles    []graph.Role
	}{list, secret, probs, auth.RolePrecedence})
}

func (s *Server) createTokenWeb(c echo.Context) error {
	v := formValues(c)
	days := 0
	if d := v.Get("expires_in_days"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n < 0 || n > 3660 {
			return s.showTokens(c, "", []string{"Days until it expires must be a whole number from 0 (never) to 3660."}, http.StatusBadRequest)
		}
		days = n
	}
	var teams []string
	if t := v.Get("team"); t != "" {
		teams = []string{t}
	}
	t, secret, err := auth.Issue(c.Request().Context(), s.tokens, v.Get("user"), graph.Role(v.Get("role")), teams,
		time.Duration(days)*24*time.Hour, time.Now().UTC())
	if err != nil {
		fields := graph.Fields(err)
		if len(fields) == 0 {
			return err
		}
		var msgs []string
		for _, f := range fields {
			msgs = append(msgs, sentence(f.Field+" "+f.Message))
		}
		return s.showTokens(c, "", msgs, http.StatusBadRequest)
	}
	c.Set(recordKey, t.ID)
	return s.showTokens(c, secret, nil, http.StatusCreated)
}

func (s *Server) revokeTokenWeb(c echo.Context) error {
	if err := s.tokens.RevokeToken(c.Request().Context(), c.Param("id"), time.Now().UTC()); err != nil {
		return err
	}
	s.flash(c, "The token was revoked.")
	return c.Redirect(http.StatusSeeOther, "/admin/tokens")
}
