package api_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// The report as a quarterly series and in every format: each point under
// disclosure control; bad parameters are 400 naming the field.
func TestSiblingPlacementSeries(t *testing.T) {
	c := demoClient(t).as(graph.Principal{User: "eval-t", Role: graph.RoleEvaluator})
	res := c.do("GET", "/api/v1/reports/sibling-placements/series?from=2025-11-01&to=2026-11-01&every=quarter", nil, "")
	if res.Status != http.StatusOK {
		t.Fatalf("series: %d %s", res.Status, res.Body)
	}
	var s analysis.PublishedSeries
	res.decode(t, &s)
	if len(s.Points) != 5 || !s.Disclosure.Suppressed || s.Points[4].AsOf != graph.MustDate("2026-11-01") {
		t.Errorf("series: got %d points, disclosure %+v", len(s.Points), s.Disclosure)
	}
	// The last point is the report of its date.
	var one analysis.PublishedReport
	c.do("GET", "/api/v1/reports/sibling-placements?as_of=2026-11-01", nil, "").decode(t, &one)
	if one.LookedAfterChildren != s.Points[4].LookedAfterChildren || one.Separated != s.Points[4].Separated {
		t.Errorf("series' last point %v/%v, report %v/%v", s.Points[4].LookedAfterChildren, s.Points[4].Separated, one.LookedAfterChildren, one.Separated)
	}
	for _, tc := range []struct{ query, accept, ctype, want string }{
		{"&format=csv", "", "text/csv", "as_of,breakdown,category,measure,value\n"},
		{"", "text/csv", "text/csv", "disclosure,suppressed"},
		{"&format=html", "", "text/html", "<svg"},
		{"", "text/html", "text/html", "Over time"},
	} {
		res := c.do("GET", "/api/v1/reports/sibling-placements/series?from=2025-11-01&to=2026-11-01"+tc.query, nil, tc.accept)
		if tc.accept != "" {
			res = c.doAccept("/api/v1/reports/sibling-placements/series?from=2025-11-01&to=2026-11-01", tc.accept)
		}
		if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), tc.ctype) || !strings.Contains(string(res.Body), tc.want) ||
			strings.Contains(strings.ToLower(string(res.Body)), "<script") || strings.Contains(string(res.Body), "UNSUPPRESSED") {
			t.Errorf("%s%s: got %d %q, want %s holding %q", tc.query, tc.accept, res.Status, res.Header.Get("Content-Type"), tc.ctype, tc.want)
		}
	}
	res = c.do("GET", "/api/v1/reports/sibling-placements?as_of=2026-11-01&format=html", nil, "")
	if res.Status != http.StatusOK || !strings.Contains(string(res.Body), "<svg") || strings.Contains(string(res.Body), "Over time") {
		t.Errorf("report html: %d", res.Status)
	}
	for _, tc := range []struct{ query, field string }{
		{"from=2026-11-01&to=2025-11-01", "from"},
		{"to=2026-11-01", "from"},
		{"from=2026-11-01", "to"},
		{"from=2026-02-30&to=2026-11-01", "from"},
		{"from=2025-11-01&to=tomorrow", "to"},
		{"from=2025-11-01&to=2026-11-01&every=month", "every"},
		{"from=1990-01-01&to=2026-11-01", "to"},
		{"from=2025-11-01&to=2026-11-01&format=pdf", "format"},
	} {
		res := c.do("GET", "/api/v1/reports/sibling-placements/series?"+tc.query, nil, "")
		if res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), `"`+tc.field+`"`) {
			t.Errorf("%s: got %d %s, want 400 naming %s", tc.query, res.Status, res.Body, tc.field)
		}
	}
	if res := c.as(graph.Principal{User: "worker-t", Role: graph.RoleWorker, Teams: []string{"team-test"}}).do("GET", "/api/v1/reports/sibling-placements/series?from=2025-11-01&to=2026-11-01", nil, ""); res.Status != http.StatusForbidden {
		t.Errorf("worker: got %d, want 403", res.Status)
	}
}

// doAccept is a GET with an Accept header.
func (c *client) doAccept(path, accept string) response {
	c.t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	req.Header.Set("Accept", accept)
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	res := response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	c.checkSpec(req, nil, res)
	return res
}

// The evaluator's report page carries the two charts, each over its
// table, and the breakdowns, still under disclosure control.
func TestWebReportHasChartsAndBreakdowns(t *testing.T) {
	b, _ := webApp(t, true)
	b.signIn("evaluator-a")
	p := b.get("/reports?as_of=2026-11-01")
	if p.status != http.StatusOK {
		t.Fatalf("report page: %d", p.status)
	}
	for _, caption := range []string{"By number of looked-after brothers and sisters", "By placement type"} {
		i := strings.Index(p.body, "<caption>"+caption+"</caption>")
		fig := strings.LastIndex(p.body[:max(i, 0)], `<figure class="chart"><img src="data:image/svg&#43;xml;base64,`)
		if i < 0 || fig < 0 || strings.Contains(p.body[fig:i], "</table>") {
			t.Errorf("%s: want a chart right above its table", caption)
		}
	}
	for _, want := range []string{"By age band", "By time looked after", "Pairs living apart, by estrangement", "Pairs living apart, by contact arrangement", "<td>c</td>"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	series := b.get("/reports?as_of=2026-11-01&from=2025-11-01&to=2026-11-01")
	if series.status != http.StatusOK || strings.Count(series.body, `<figure class="chart"><img src="data:image/svg&#43;xml;base64,`) != 3 ||
		!strings.Contains(series.body, "<caption>Every quarter from 1 November 2025 to 1 November 2026") || strings.Contains(series.body, "<svg") {
		t.Errorf("report page with a series: %d, want three charts and the series' table", series.status)
	}
	if bad := b.get("/reports?as_of=2026-11-01&from=2026-11-01&to=2025-11-01"); bad.status != http.StatusBadRequest {
		t.Errorf("report page with from after to: got %d, want 400", bad.status)
	}
	if strings.Contains(p.body, "<svg") {
		t.Errorf("the page inlines an SVG: its style attributes break the web app's CSP (style-src 'self')")
	}
}
