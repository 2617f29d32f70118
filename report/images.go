package report

import (
	"encoding/base64"
	"html/template"

	"github.com/kinmap/kinmap/graph/analysis"
)

// ChartImage is a chart as an image: for pages whose Content-Security-
// Policy forbids inline styles (the web app), which an inline SVG from
// gonum/plot carries, the chart goes in an <img> as a data: URL.
type ChartImage struct {
	Title string
	Alt   string
	Src   template.URL // data:image/svg+xml;base64, of an SVG that passed checkSVG
	Rates []analysis.PublishedRate
}

// ChartImages draws the report's two charts, separation rate by number of
// looked-after siblings and by placement type, each with its table's rows.
func ChartImages(p analysis.PublishedReport) ([]ChartImage, error) {
	var out []ChartImage
	for _, t := range RateTables(p)[:2] {
		svg, err := rateBars("Children separated, "+lower(t.Title), t.Rates)
		if err != nil {
			return nil, err
		}
		out = append(out, ChartImage{Title: t.Title, Rates: t.Rates,
			Alt: "Bar chart: share of children separated, " + lower(t.Title) + "; the figures are in the table below",
			Src: template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(svg)))})
	}
	return out, nil
}

// SeriesImage draws a series' separation rate over time as an image (see
// ChartImage); its table is the series' points.
func SeriesImage(s *analysis.PublishedSeries) (ChartImage, error) {
	svg, err := seriesLine(s)
	if err != nil {
		return ChartImage{}, err
	}
	return ChartImage{Title: "Children separated, by date",
		Alt: "Line chart: share of children separated at each date of the series; the figures are in the table below",
		Src: template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(svg)))}, nil
}
