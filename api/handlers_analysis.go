package api

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/report"
	"github.com/labstack/echo/v4"
)

// childFlags is the body of GET /children/{id}/flags: everything computed
// for one child, plus review changes when since is given.
type childFlags struct {
	analysis.ChildAnalysis
	Since   *graph.Date       `json:"since,omitempty"`
	Changes []analysis.Change `json:"review_changes,omitempty"`
}

// flags computes the flags on request from the stored graph, or serves
// them from the cache of the request's store version, so they are never
// stale.
func (s *Server) flags(c echo.Context) error {
	asOf, err := s.asOf(c)
	if err != nil {
		return err
	}
	since, err := dateParam(c, "since", graph.Date{})
	if err != nil {
		return err
	}
	if !since.IsZero() && since.After(asOf) {
		return graph.Invalid("since", "must not be after as_of")
	}
	opt := s.options()
	if opt.LostAfterDays, err = intParam(c, "lost_after_days", 0, 1, 3650); err != nil {
		return err
	}
	if opt.MoveWindowDays, err = intParam(c, "move_window_days", 0, 1, 3650); err != nil {
		return err
	}
	ctx := c.Request().Context()
	// Flags depend on the child's records and these parameters only:
	// cached by store version (versioncache.go).
	ver, versioned := requestVersion(ctx)
	key := cacheKey(c.Param("id"), asOf.String(), since.String(), strconv.Itoa(opt.LostAfterDays), strconv.Itoa(opt.MoveWindowDays))
	if out, hit := s.vcache.flagsC.get(ver, key); versioned && hit {
		c.Response().Header().Set("X-Kinmap-Cache", "hit")
		return c.JSON(http.StatusOK, out)
	}
	n, err := s.networks.Network(ctx, c.Param("id"), asOf)
	if err != nil {
		return err
	}
	out := childFlags{ChildAnalysis: analysis.Analyse(n, opt)}
	if out.Flags == nil {
		out.Flags = []analysis.Flag{}
	}
	if out.KeyPeople == nil {
		out.KeyPeople = []analysis.KeyPerson{}
	}
	if !since.IsZero() {
		before, err := s.networks.Network(ctx, c.Param("id"), since)
		if err != nil {
			return err
		}
		out.Since = &since
		out.Changes = analysis.Review(before, n)
		if out.Changes == nil {
			out.Changes = []analysis.Change{}
		}
	}
	if versioned {
		s.vcache.flagsC.put(ver, key, out)
	}
	return c.JSON(http.StatusOK, out)
}

// groupPerson names a member of a sibling group for the group view.
type groupPerson struct {
	ID          graph.ID `json:"id"`
	Name        string   `json:"name"`
	LookedAfter bool     `json:"looked_after"`
}

// groupHousehold describes a household a member lives in.
type groupHousehold struct {
	ID   graph.ID            `json:"id"`
	Kind graph.HouseholdKind `json:"kind"`
	Name string              `json:"name,omitempty"`
}

// siblingGroupBody is the body of GET /children/{id}/sibling-group.
type siblingGroupBody struct {
	Child      graph.ID              `json:"child"`
	AsOf       graph.Date            `json:"as_of"`
	Group      analysis.SiblingGroup `json:"group"`
	People     []groupPerson         `json:"people"`
	Households []groupHousehold      `json:"households"`
}

func (s *Server) siblingGroup(c echo.Context) error {
	asOf, err := s.asOf(c)
	if err != nil {
		return err
	}
	n, err := s.networks.SiblingNetwork(c.Request().Context(), c.Param("id"), asOf)
	if err != nil {
		return err
	}
	g, ok := analysis.SiblingGroupOf(n, n.Child)
	if !ok {
		g = analysis.SiblingGroup{Members: []analysis.GroupMember{}, Status: analysis.NotApplicable}
	}
	ix := graph.NewIndex(n)
	body := siblingGroupBody{Child: n.Child, AsOf: asOf, Group: g, People: []groupPerson{}, Households: []groupHousehold{}}
	seen := map[graph.ID]bool{}
	for _, m := range g.Members {
		if p := ix.Person(m.Person); p != nil {
			body.People = append(body.People, groupPerson{ID: p.ID, Name: p.DisplayName(), LookedAfter: m.LookedAfter})
		}
		if h := ix.Household(m.Household); h != nil && !seen[h.ID] {
			seen[h.ID] = true
			body.Households = append(body.Households, groupHousehold{ID: h.ID, Kind: h.Kind, Name: h.Name})
		}
	}
	return c.JSON(http.StatusOK, body)
}

// siblingPlacements is the authority report, as JSON or CSV (format=csv
// or Accept: text/csv), after statistical disclosure control
// (analysis.Publish): the API never gives it unsuppressed (only the
// operator's `kinmap report --unsuppressed` does). It loads the report's
// projection of the authority in one streamed read, or takes it from the
// cache when nothing has been written since.
func (s *Server) siblingPlacements(c echo.Context) error {
	asOf, err := s.asOf(c)
	if err != nil {
		return err
	}
	format, err := reportFormat(c)
	if err != nil {
		return err
	}
	pub, err := s.publishedReport(c, asOf)
	if err != nil {
		return err
	}
	switch format {
	case "csv":
		return reportCSV(c, pub)
	case "html":
		return reportHTML(c, pub, nil)
	}
	return c.JSON(http.StatusOK, pub)
}

// publishedReport is the authority report as of asOf after disclosure
// control: what the API, the CSV and the web app's report page give, from
// the cache when nothing has been written since.
func (s *Server) publishedReport(c echo.Context, asOf graph.Date) (analysis.PublishedReport, error) {
	rep, cached, err := s.reports.report(c.Request().Context(), s.networks, asOf)
	if err != nil {
		return analysis.PublishedReport{}, err
	}
	if cached {
		c.Response().Header().Set("X-Kinmap-Cache", "hit")
	}
	return analysis.Publish(rep, s.cfg.DisclosureThreshold), nil
}

// reportCSV answers with the published report as a CSV download.
func reportCSV(c echo.Context, pub analysis.PublishedReport) error {
	var buf bytes.Buffer
	if err := report.WriteCSV(&buf, pub); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="sibling-placements-`+pub.AsOf.String()+`.csv"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}
