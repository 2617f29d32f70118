package analysis

import (
	"time"

	"github.com/kinmap/kinmap/graph"
)

// MaxSeriesPoints bounds a series: 20 years of quarters.
const MaxSeriesPoints = 81

// QuarterDates returns the dates of a quarterly series from from to to:
// from, then every three calendar months after it (the same day of the
// month, or the month's last day when it has no such day) up to and
// including to.
func QuarterDates(from, to graph.Date) []graph.Date {
	var out []graph.Date
	if from.IsZero() || to.Before(from) {
		return nil
	}
	f := from.Time()
	for i := 0; ; i++ {
		first := time.Date(f.Year(), f.Month()+time.Month(3*i), 1, 0, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 1, -1).Day()
		d := graph.DateOf(time.Date(first.Year(), first.Month(), min(f.Day(), last), 0, 0, 0, 0, time.UTC))
		if d.After(to) {
			return out
		}
		out = append(out, d)
	}
}

// SeriesReport computes the report at each date from one load of the
// authority over the whole range (the store's ReportAuthoritySeries: every
// relationship started by the last date with its history, every residence
// and contact by then): no load per date. Each point reads the records as
// they stood on its date (relationship details through Relationship.AsOf;
// spans, homes, episodes and contacts by date), so a point equals the
// report loaded as of its date.
func SeriesReport(n *graph.Network, dates []graph.Date) []Report {
	out := make([]Report, 0, len(dates))
	if n == nil {
		for _, d := range dates {
			r := SiblingPlacementReport(nil)
			r.AsOf = d
			out = append(out, r)
		}
		return out
	}
	rels := make([]graph.Relationship, len(n.Relationships))
	for _, d := range dates {
		at := &graph.Network{AsOf: d, Records: graph.Records{People: n.People, Households: n.Households}}
		rels = rels[:0]
		for _, r := range n.Relationships {
			if !r.Since.IsZero() && r.Since.After(d) {
				continue
			}
			if len(r.History) > 0 {
				r = r.AsOf(d)
			}
			rels = append(rels, r)
		}
		at.Relationships = rels
		for _, r := range n.Residences {
			if r.From.IsZero() || !r.From.After(d) {
				at.Residences = append(at.Residences, r)
			}
		}
		for _, c := range n.Contacts {
			if !c.Date.After(d) {
				at.Contacts = append(at.Contacts, c)
			}
		}
		out = append(out, SiblingPlacementReport(at))
	}
	return out
}

// PublishedSeries is a series of published reports, each point under
// disclosure control on its own (Publish), or all unsuppressed for the
// administrator.
type PublishedSeries struct {
	From       graph.Date        `json:"from"`
	To         graph.Date        `json:"to"`
	Every      string            `json:"every"`
	Disclosure Disclosure        `json:"disclosure"`
	Points     []PublishedReport `json:"points"`
}

// PublishSeries applies disclosure control to each point.
func PublishSeries(from, to graph.Date, reps []Report, threshold int) PublishedSeries {
	out := PublishedSeries{From: from, To: to, Every: "quarter"}
	for _, r := range reps {
		out.Points = append(out.Points, Publish(r, threshold))
	}
	if threshold <= 0 {
		threshold = DefaultThreshold
	}
	out.Disclosure = Disclosure{Suppressed: true, Threshold: threshold, Marker: SuppressedMarker, Note: noteSuppressed +
		" Each date is controlled on its own."}
	return out
}

// UnsuppressedSeries is the series with nothing suppressed, marked as the
// administrator's.
func UnsuppressedSeries(from, to graph.Date, reps []Report) PublishedSeries {
	out := PublishedSeries{From: from, To: to, Every: "quarter",
		Disclosure: Disclosure{Suppressed: false, Marker: SuppressedMarker, Note: noteUnsuppressed}}
	for _, r := range reps {
		out.Points = append(out.Points, Unsuppressed(r))
	}
	return out
}
