package analysis

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
)

func TestQuarterDates(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"2024-01-01", "2024-12-31", "2024-01-01 2024-04-01 2024-07-01 2024-10-01"},
		{"2024-03-31", "2025-03-31", "2024-03-31 2024-06-30 2024-09-30 2024-12-31 2025-03-31"},
		{"2023-11-30", "2024-03-01", "2023-11-30 2024-02-29"},
		{"2024-06-01", "2024-06-01", "2024-06-01"},
		{"2024-06-02", "2024-06-01", ""},
	} {
		var got []string
		for _, d := range QuarterDates(graph.MustDate(tc.from), graph.MustDate(tc.to)) {
			got = append(got, d.String())
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s to %s: got %v, want %s", tc.from, tc.to, got, tc.want)
		}
	}
}

// Each point of a series is the report of the records as they stood on
// its date.
func TestSeriesReportMatchesEachDate(t *testing.T) {
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 7, Children: 200})
	dates := QuarterDates(fixtures.DefaultAsOf.AddDays(-3*365), fixtures.DefaultAsOf)
	got := SeriesReport(&graph.Network{AsOf: fixtures.DefaultAsOf, Records: doc.Records}, dates)
	for i, d := range dates {
		recs := doc.Records
		recs.Relationships = nil
		for _, r := range doc.Records.Relationships {
			recs.Relationships = append(recs.Relationships, r.AsOf(d))
		}
		if want := SiblingPlacementReport(&graph.Network{AsOf: d, Records: recs}); !reflect.DeepEqual(got[i], want) {
			t.Errorf("%s: got %+v,\nwant %+v", d, got[i], want)
		}
	}
	p := PublishSeries(dates[0], dates[len(dates)-1], got, 0)
	if len(p.Points) != len(dates) || !p.Disclosure.Suppressed || p.Points[0].AsOf != dates[0] {
		t.Errorf("published series: %d points, disclosure %+v", len(p.Points), p.Disclosure)
	}
	for i, pt := range p.Points {
		if !reflect.DeepEqual(pt, Publish(got[i], 0)) {
			t.Errorf("%s: the point is not the published report of its date", dates[i])
		}
	}
	if u := UnsuppressedSeries(dates[0], dates[0], got[:1]); u.Disclosure.Suppressed || !strings.Contains(u.Disclosure.Note, "UNSUPPRESSED") {
		t.Errorf("unsuppressed series: %+v", u.Disclosure)
	}
}
