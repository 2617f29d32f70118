package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"github.com/kinmap/kinmap/graph/analysis"
)

//go:embed report.html
var pageText string

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": func(r analysis.RateCell) string {
		if r.Suppressed {
			return analysis.SuppressedMarker
		}
		return fmt.Sprintf("%.1f%%", 100*r.Value)
	},
}).Parse(pageText))

// Chart is a drawn chart with the table under it.
type chart struct {
	SVG     template.HTML // checked by checkSVG: drawing elements only
	Title   string
	Caption string
	Rates   []analysis.PublishedRate
}

type pageData struct {
	R          analysis.PublishedReport
	Series     *analysis.PublishedSeries
	Charts     []chart
	Rates      []RateTable // the breakdowns without a chart
	Pairs      []PairTable
	SeriesSVG  template.HTML
	Marker     string
	Estranged  int
	GroupsNote string
}

// WriteHTML writes the published report (and, when s is not nil, the
// series, with its chart) as one self-contained HTML page: no script, no
// external resource, inline SVG charts each with its table under it, the
// method and the disclosure rule written out.
func WriteHTML(w io.Writer, p analysis.PublishedReport, s *analysis.PublishedSeries) error {
	d := pageData{R: p, Series: s, Pairs: PairTables(p), Marker: analysis.SuppressedMarker, Estranged: analysis.EstrangedAfterDays}
	tables := RateTables(p)
	for _, t := range tables[:2] {
		svg, err := rateBars("Children separated, "+lower(t.Title), t.Rates) // constant labels: no user data
		if err != nil {
			return err
		}
		d.Charts = append(d.Charts, chart{SVG: template.HTML(svg), Title: t.Title, Caption: lower(t.Title), Rates: t.Rates})
	}
	d.Rates = tables[2:]
	if s != nil && len(s.Points) > 0 {
		svg, err := seriesLine(s)
		if err != nil {
			return err
		}
		d.SeriesSVG = template.HTML(svg)
	}
	return page.Execute(w, d)
}

func lower(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
