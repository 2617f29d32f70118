package neo4jstore_test

import (
	"reflect"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// A series from one load gives at every date the report loaded as of
// that date.
func TestReportAuthoritySeriesParity(t *testing.T) {
	s, ctx := fresh(t)
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 3, Children: 300})
	reportExtras(&doc)
	mustImport(t, s, ctx, &doc)
	mustImport(t, s, ctx, family())
	defer neo4jstore.SetReportPageSize(97)()
	dates := analysis.QuarterDates(d("2022-03-31"), d("2026-11-01"))
	n, err := s.ReportAuthoritySeries(ctx, dates[len(dates)-1])
	if err != nil {
		t.Fatalf("ReportAuthoritySeries: %v", err)
	}
	series := analysis.SeriesReport(n, dates)
	if len(series) != len(dates) || len(dates) != 19 {
		t.Fatalf("got %d points for %d dates, want 19", len(series), len(dates))
	}
	for i, day := range dates {
		one, err := s.ReportAuthority(ctx, day)
		if err != nil {
			t.Fatalf("ReportAuthority: %v", err)
		}
		if want := analysis.SiblingPlacementReport(one); !reflect.DeepEqual(series[i], want) {
			t.Errorf("%s: got %+v,\nwant %+v", day, series[i], want)
		}
	}
	if series[0].LookedAfterChildren == series[len(series)-1].LookedAfterChildren {
		t.Errorf("the series does not change over four years: the test checks little")
	}
}
