package api_test

import (
	"fmt"
	"html"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/auth/authtest"
	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestWebCaseloadFiguresMatchEachChildsNetwork: the caseload page loads
// all its children's networks in one query; every row shows the age,
// home, flag counts and last sibling contacts worked out from the
// child's own network, loaded alone as the child page loads it.
func TestWebCaseloadFiguresMatchEachChildsNetwork(t *testing.T) {
	hs, store, kids, _ := caseloadServer(t, "worker-30")
	jar, _ := cookiejar.New(nil)
	b := &browser{t: t, url: hs.URL, c: &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	b.signIn("worker-30")
	p := b.get("/caseload")
	if p.status != http.StatusOK {
		t.Fatalf("caseload: got %d\n%.600s", p.status, p.body)
	}
	rows := map[string]string{}
	for _, tr := range strings.Split(p.body, "<tr>")[2:] { // after the head row
		if _, rest, ok := strings.Cut(tr, `<a href="/children/`); ok {
			id, _, _ := strings.Cut(rest, `"`)
			rows[id] = tr
		}
	}
	if len(rows) != len(kids) {
		t.Errorf("caseload: got %d rows, want %d", len(rows), len(kids))
	}
	day := graph.DateOf(today)
	flagged := 0
	for _, id := range kids {
		n, err := store.Network(t.Context(), id, day)
		if err != nil {
			t.Fatal(err)
		}
		want := api.CaseloadRowOf(n, day, analysis.DefaultOptions())
		got := rows[id]
		parts := []string{">" + html.EscapeString(want.Name) + "</a>", ">" + html.EscapeString(want.Age) + "</td>",
			">" + html.EscapeString(want.Home) + "</td>"}
		for _, c := range []struct {
			n    int
			word string
		}{{want.High, "act now"}, {want.Medium, "check soon"}, {want.Info, "for information"}} {
			if c.n > 0 {
				parts = append(parts, fmt.Sprintf(">%d %s</li>", c.n, c.word))
				flagged++
			} else if strings.Contains(got, c.word) {
				t.Errorf("%s: row shows %q, its network has none", id, c.word)
			}
		}
		for _, s := range want.Siblings {
			parts = append(parts, "<li>"+html.EscapeString(s.Name+": "+s.Last)+"</li>")
		}
		for _, part := range parts {
			if !strings.Contains(got, part) {
				t.Errorf("%s: row lacks %q\n%s", id, part, got)
			}
		}
	}
	if flagged == 0 {
		t.Errorf("no child on the caseload has a flag: the test checks no counts")
	}
}

// caseloadServer serves a generated authority in which worker holds 30
// looked-after children (kids), signed in through the demo page; iss
// mints OIDC tokens for the API.
func caseloadServer(tb testing.TB, worker string) (*httptest.Server, *neo4jstore.Store, []graph.ID, *authtest.Issuer) {
	tb.Helper()
	neo4jtest.Reset(tb)
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 11, Children: 60})
	var kids []graph.ID
	for _, p := range doc.People {
		if p.LookedAfter && p.LookedAfterUntil.IsZero() && len(kids) < 30 {
			kids = append(kids, p.ID)
		}
	}
	for _, id := range kids {
		doc.Assignments = append(doc.Assignments, graph.Assignment{ID: "cl-" + id, Worker: worker, Child: id,
			Since: graph.MustDate("2026-01-01")})
	}
	store := testStore(tb)
	if _, err := store.Import(tb.Context(), &doc); err != nil {
		tb.Fatal(err)
	}
	cfg, iss := testConfig(tb, store)
	cfg.Web.Sessions = store.Sessions()
	cfg.Web.DemoUsers = []graph.Principal{{User: worker, Role: graph.RoleWorker}}
	hs := httptest.NewServer(api.New(cfg, store, nil).Handler())
	tb.Cleanup(hs.Close)
	return hs, store, kids, iss
}
