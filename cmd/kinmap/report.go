package main

import (
	"encoding/json"
	"io"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/report"
)

// seriesFlags checks `kinmap report --from --to --every` before anything
// is read: both dates, from not after to, quarter steps only, no --as-of,
// and no more than analysis.MaxSeriesPoints dates.
func seriesFlags(set map[string]bool, from, to graph.Date, every string) error {
	switch {
	case set["as-of"]:
		return usageError{"--as-of cannot go with --from, --to and --every: a series has a date per point"}
	case !set["from"]:
		return usageError{"--from is required for a series (with --to)"}
	case !set["to"]:
		return usageError{"--to is required for a series (with --from)"}
	case every != "" && every != "quarter":
		return usageError{"--every must be quarter"}
	case to.Before(from):
		return usageError{"--from must not be after --to"}
	case len(analysis.QuarterDates(from, to)) > analysis.MaxSeriesPoints:
		return usageError{"--to: a series has at most 81 quarterly dates (20 years)"}
	}
	return nil
}

// writeReport writes one published report as JSON, tidy CSV or HTML.
func writeReport(w io.Writer, format string, pub analysis.PublishedReport) error {
	switch format {
	case "csv":
		return report.WriteCSV(w, pub)
	case "html":
		return report.WriteHTML(w, pub, nil)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(pub)
}

// writeSeries writes a published series as JSON, tidy CSV or HTML (the
// report of the last date with the series' chart).
func writeSeries(w io.Writer, format string, s analysis.PublishedSeries) error {
	switch format {
	case "csv":
		return report.WriteSeriesCSV(w, s)
	case "html":
		return report.WriteHTML(w, s.Points[len(s.Points)-1], &s)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}
