package api_test

import (
	"net/http"
	"testing"

	"github.com/kinmap/kinmap/graph/analysis"
)

// The report is served from the cache until a write, by this server or
// another one on the same database (another kinmap process); audited
// reads do not count as writes.
func TestSiblingPlacementReportCache(t *testing.T) {
	a := demoClient(t)
	b := newClientFor(t, testStore(t)) // a second process on the same Neo4j
	const path = "/api/v1/reports/sibling-placements?as_of=2026-11-01"
	get := func(c *client) (analysis.PublishedReport, bool) {
		t.Helper()
		res := c.do("GET", path, nil, "")
		if res.Status != http.StatusOK {
			t.Fatalf("report: %d %s", res.Status, res.Body)
		}
		var rep analysis.PublishedReport
		res.decode(t, &rep)
		return rep, res.Header.Get("X-Kinmap-Cache") == "hit"
	}
	first, hit := get(a)
	if hit {
		t.Errorf("first report: served from the cache")
	}
	if res := a.do("GET", "/api/v1/children", nil, ""); res.Status != http.StatusOK {
		t.Fatalf("children: %d", res.Status)
	}
	again, hit := get(a)
	if !hit || !reportSame(again, first) {
		t.Errorf("report again after a read: hit %v, same %v; want a hit with the same figures", hit, reportSame(again, first))
	}
	const doc = `{"format":"kinmap/v1","people":[{"id":"rc-kid","full_name":"Kit Cache","date_of_birth":"2015-02-02","looked_after":true}]}`
	if res := b.as(admin).do("POST", "/api/v1/import", []byte(doc), ""); res.Status != http.StatusOK {
		t.Fatalf("import through the other server: %d %s", res.Status, res.Body)
	}
	after, hit := get(a)
	if hit {
		t.Errorf("report after another process wrote: served from the cache, want a fresh report")
	}
	// The demo authority is small enough for disclosure control to hide
	// its total; where it is shown, it has grown by the child imported.
	if !first.LookedAfterChildren.Suppressed && !after.LookedAfterChildren.Suppressed &&
		after.LookedAfterChildren.Value != first.LookedAfterChildren.Value+1 {
		t.Errorf("report after another process wrote: %d looked-after children, want %d",
			after.LookedAfterChildren.Value, first.LookedAfterChildren.Value+1)
	}
	if _, hit := get(b); hit {
		t.Errorf("the other server's first report: served from a cache")
	}
	if _, hit := get(a); !hit {
		t.Errorf("report once more: not served from the cache")
	}
}

func reportSame(a, b analysis.PublishedReport) bool {
	return a.LookedAfterChildren == b.LookedAfterChildren && a.Separated == b.Separated && a.Groups == b.Groups
}
