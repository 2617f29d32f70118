// Package report writes the published sibling placement report
// (analysis.PublishedReport, analysis.PublishedSeries) for evaluators: a
// tidy CSV (one row per date, breakdown, category and measure, "c" where
// disclosure control suppressed the figure) and a self-contained HTML
// report (html/template, no script, inline SVG charts drawn with
// gonum.org/v1/plot through its vgsvg backend, a table under each chart,
// the method and the disclosure rule written out). It only lays out
// figures that have been through analysis.Publish, or the administrator's
// analysis.Unsuppressed ones, which it marks as such everywhere.
package report
