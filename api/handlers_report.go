package api

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/report"
)

// reportFormat reads the report's format: ?format= json, csv or html,
// else the Accept header (text/csv, text/html), else JSON.
func reportFormat(c echo.Context) (string, error) {
	format := c.QueryParam("format")
	if _, given := c.QueryParams()["format"]; given && format != "csv" && format != "json" && format != "html" {
		return "", graph.Invalid("format", "must be json, csv or html")
	}
	if format == "" {
		accept := c.Request().Header.Get(echo.HeaderAccept)
		switch {
		case strings.Contains(accept, "text/csv"):
			format = "csv"
		case strings.Contains(accept, "text/html"):
			format = "html"
		}
	}
	return format, nil
}

// reportHTML answers with the self-contained HTML report (and series)
// as a download to open or attach.
func reportHTML(c echo.Context, pub analysis.PublishedReport, s *analysis.PublishedSeries) error {
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, pub, s); err != nil {
		return err
	}
	name := "sibling-placements-" + pub.AsOf.String()
	if s != nil {
		name = "sibling-placements-" + s.From.String() + "-to-" + s.To.String()
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`.html"`)
	return c.Blob(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}

// siblingPlacementSeries is the report as a quarterly series from ?from
// to ?to (every=quarter, the only step), computed from one load of the
// authority over the range, each date under disclosure control; as JSON,
// tidy CSV or HTML like the report. Parameters are checked before the
// store is read.
func (s *Server) siblingPlacementSeries(c echo.Context) error {
	pub, err := s.publishedSeries(c)
	if err != nil {
		return err
	}
	format, err := reportFormat(c)
	if err != nil {
		return err
	}
	switch format {
	case "csv":
		var buf bytes.Buffer
		if err := report.WriteSeriesCSV(&buf, pub); err != nil {
			return err
		}
		c.Response().Header().Set(echo.HeaderContentDisposition,
			`attachment; filename="sibling-placements-`+pub.From.String()+`-to-`+pub.To.String()+`.csv"`)
		return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	case "html":
		return reportHTML(c, pub.Points[len(pub.Points)-1], &pub)
	}
	return c.JSON(http.StatusOK, pub)
}

// publishedSeries reads and checks ?from, ?to and ?every, then loads the
// authority once and computes the series under disclosure control: what
// the API's series and the web app's report page give.
func (s *Server) publishedSeries(c echo.Context) (analysis.PublishedSeries, error) {
	none := analysis.PublishedSeries{}
	if _, err := reportFormat(c); err != nil {
		return none, err
	}
	for _, name := range []string{"from", "to"} {
		if c.QueryParam(name) == "" {
			return none, graph.Invalid(name, "is required: a real date of the form YYYY-MM-DD")
		}
	}
	from, err := dateParam(c, "from", graph.Date{})
	if err != nil {
		return none, err
	}
	to, err := dateParam(c, "to", graph.Date{})
	if err != nil {
		return none, err
	}
	if e, given := c.QueryParams()["every"]; given && (len(e) != 1 || e[0] != "quarter") {
		return none, graph.Invalid("every", "must be quarter")
	}
	if to.Before(from) {
		return none, graph.Invalid("from", "must not be after to")
	}
	dates := analysis.QuarterDates(from, to)
	if len(dates) > analysis.MaxSeriesPoints {
		return none, graph.Invalid("to", "a series has at most 81 quarterly dates (20 years)")
	}
	n, err := s.networks.ReportAuthoritySeries(c.Request().Context(), dates[len(dates)-1])
	if err != nil {
		return none, err
	}
	return analysis.PublishSeries(from, to, analysis.SeriesReport(n, dates), s.cfg.DisclosureThreshold), nil
}
