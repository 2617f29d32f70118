package api_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
	"github.com/kinmap/kinmap/report"
)

var demoUsers = []graph.Principal{
	{User: "worker-a", Role: graph.RoleWorker},
	{User: "iro-a", Role: graph.RoleReviewingOfficer},
	{User: "evaluator-a", Role: graph.RoleEvaluator},
	{User: "admin-a", Role: graph.RoleAdmin},
}

// browser is a cookie-keeping client of a web app under test.
type browser struct {
	t   *testing.T
	url string
	c   *http.Client
}

// webApp serves the fixtures with the web app (demo sign-in when demo).
func webApp(t *testing.T, demo bool) (*browser, *api.Server) {
	t.Helper()
	neo4jtest.Reset(t)
	store := testStore(t)
	doc, err := fixtures.All()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Import(context.Background(), &doc); err != nil {
		t.Fatal(err)
	}
	cfg, _ := testConfig(t, store)
	cfg.Web.Sessions = store.Sessions()
	if demo {
		cfg.Web.DemoUsers = demoUsers
	}
	srv := api.New(cfg, store, nil)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, url: hs.URL, c: &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}, srv
}

type page struct {
	status int
	header http.Header
	body   string
}

func (b *browser) do(req *http.Request) page {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return page{res.StatusCode, res.Header, string(body)}
}

func (b *browser) get(path string) page {
	req, _ := http.NewRequest(http.MethodGet, b.url+path, nil)
	req.Header.Set("Accept", "text/html")
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) page {
	req, _ := http.NewRequest(http.MethodPost, b.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// csrf returns the form token of the page at path.
func (b *browser) csrf(path string) string {
	b.t.Helper()
	p := b.get(path)
	m := csrfField.FindStringSubmatch(p.body)
	if m == nil {
		b.t.Fatalf("GET %s: no csrf token in the page (status %d)", path, p.status)
	}
	return m[1]
}

func (b *browser) signIn(user string) {
	b.t.Helper()
	tok := b.csrf("/signin")
	p := b.post("/signin/demo", url.Values{"csrf": {tok}, "user": {user}})
	if p.status != http.StatusSeeOther {
		b.t.Fatalf("demo sign-in as %s: got %d, want 303\n%.500s", user, p.status, p.body)
	}
}

func isHTML(p page) bool { return strings.HasPrefix(p.header.Get("Content-Type"), "text/html") }

func TestWebDemoSignInExistsOnlyUnderDemo(t *testing.T) {
	b, _ := webApp(t, false)
	if p := b.get("/signin"); p.status != http.StatusOK || strings.Contains(p.body, "/signin/demo") {
		t.Errorf("sign-in page without --demo: got %d, offers demo users %v", p.status, strings.Contains(p.body, "/signin/demo"))
	}
	if p := b.post("/signin/demo", url.Values{"csrf": {"x"}, "user": {"worker-a"}}); p.status != http.StatusNotFound || !isHTML(p) {
		t.Errorf("demo sign-in without --demo: got %d %s, want a 404 page", p.status, p.header.Get("Content-Type"))
	}
	if p := b.get("/no-such-page"); p.status != http.StatusNotFound || !isHTML(p) || !strings.Contains(p.body, "Page not found") {
		t.Errorf("unknown page from a browser: got %d %s, want the 404 page", p.status, p.header.Get("Content-Type"))
	}
	if p := b.get("/api/v1/no-such-route"); p.status != http.StatusNotFound || isHTML(p) {
		t.Errorf("unknown API route from a browser: got %d %s, want JSON 404", p.status, p.header.Get("Content-Type"))
	}
	if p := b.get("/caseload"); p.status != http.StatusSeeOther || p.header.Get("Location") != "/signin" {
		t.Errorf("caseload signed out: got %d to %q, want 303 to /signin", p.status, p.header.Get("Location"))
	}
}

func TestWebWorkerSeesCaseloadAndChildAudited(t *testing.T) {
	b, _ := webApp(t, true)
	b.signIn("worker-a")
	var cookie *http.Cookie
	u, _ := url.Parse(b.url)
	for _, ck := range b.c.Jar.Cookies(u) {
		cookie = ck
	}
	if cookie == nil {
		t.Fatal("no session cookie")
	}
	p := b.get("/caseload")
	if p.status != http.StatusOK || !isHTML(p) || !strings.Contains(p.body, "/children/ard-amy") {
		t.Fatalf("caseload: got %d, want the worker's children\n%.800s", p.status, p.body)
	}
	if strings.Contains(p.body, "bal-mason") {
		t.Errorf("caseload lists another worker's child")
	}
	csp := p.header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("page CSP %q: want scripts and styles from self only", csp)
	}
	if p.header.Get("Cache-Control") == "" || !strings.Contains(p.header.Get("Cache-Control"), "no-store") {
		t.Errorf("Cache-Control %q: want no-store", p.header.Get("Cache-Control"))
	}
	child := b.get("/children/ard-amy")
	if child.status != http.StatusOK || !strings.Contains(child.body, "<svg") || !strings.Contains(child.body, "What needs attention") {
		t.Fatalf("child page: got %d\n%.800s", child.status, child.body)
	}
	if regexp.MustCompile(`\sstyle=|<style|<script>`).MatchString(child.body) {
		t.Errorf("child page has inline style or script (the CSP would block it)")
	}
	if other := b.get("/children/bal-mason"); other.status != http.StatusNotFound || !isHTML(other) || !strings.Contains(other.body, "Page not found") {
		t.Errorf("another caseload's child: got %d %s, want the 404 page", other.status, other.header.Get("Content-Type"))
	}
	if p := b.get("/admin/audit"); p.status != http.StatusForbidden || !isHTML(p) || !strings.Contains(p.body, "Not allowed") {
		t.Errorf("a worker on the audit page: got %d, want the 403 page", p.status)
	}
	// A session cookie does not open the API.
	req, _ := http.NewRequest(http.MethodGet, b.url+"/api/v1/children", nil)
	if p := b.do(req); p.status != http.StatusUnauthorized {
		t.Errorf("API with a session cookie only: got %d, want 401", p.status)
	}
	// The admin sees the worker's page views on the trail, with the API's actions.
	a, _ := &browser{t: t, url: b.url}, 0
	jar, _ := cookiejar.New(nil)
	a.c = &http.Client{Jar: jar, CheckRedirect: b.c.CheckRedirect}
	a.signIn("admin-a")
	trail := a.get("/admin/audit?user=worker-a")
	for _, want := range []string{"read_network", "list_children", "ard-amy", "denied"} {
		if !strings.Contains(trail.body, want) {
			t.Errorf("audit page for worker-a lacks %q", want)
		}
	}
	// Sign-out ends the server session: the old cookie opens nothing.
	tok := b.csrf("/caseload")
	if p := b.post("/signout", url.Values{"csrf": {tok}}); p.status != http.StatusOK {
		t.Errorf("sign out: got %d", p.status)
	}
	req, _ = http.NewRequest(http.MethodGet, b.url+"/caseload", nil)
	req.AddCookie(cookie)
	res, err := (&http.Client{CheckRedirect: b.c.CheckRedirect}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("old session cookie after sign-out: got %d, want 303 to sign in", res.StatusCode)
	}
}

func TestWebFormsRefuseCrossOriginAndTokenless(t *testing.T) {
	b, _ := webApp(t, true)
	b.signIn("worker-a")
	tok := b.csrf("/children/ard-amy/contacts/new")
	form := url.Values{"csrf": {tok}, "to": {"ard-kieran"}, "date": {"2026-10-30"}, "kind": {"visit"}}
	req, _ := http.NewRequest(http.MethodPost, b.url+"/children/ard-amy/contacts", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if p := b.do(req); p.status != http.StatusForbidden || !strings.Contains(p.body, "another website") {
		t.Errorf("cross-origin post: got %d, want the 403 page\n%.400s", p.status, p.body)
	}
	bad := url.Values{"to": {"ard-kieran"}, "date": {"2026-10-30"}, "kind": {"visit"}}
	if p := b.post("/children/ard-amy/contacts", bad); p.status != http.StatusForbidden {
		t.Errorf("post without the form token: got %d, want 403", p.status)
	}
	if p := b.post("/children/ard-amy/contacts", form); p.status != http.StatusSeeOther {
		t.Errorf("good contact: got %d\n%.600s", p.status, p.body)
	}
	if p := b.get("/children/ard-amy"); !strings.Contains(p.body, "30 October 2026") {
		t.Errorf("the child page does not show the new last contact")
	}
}

func TestWebRelationshipFormShowsFieldErrorsAndWritesNothing(t *testing.T) {
	b, _ := webApp(t, true)
	b.signIn("worker-a")
	_, rels := neo4jtest.Counts(t)
	tok := b.csrf("/children/ard-amy/relationships/new")
	p := b.post("/children/ard-amy/relationships", url.Values{"csrf": {tok}, "person": {"ard-kieran"}, "kind": {"sibling"},
		"sibling_type": {"full"}, "separation.reason": {"child_wish"}, "separation.decided": {"2024-02-30"}, "view.words": {"my big brother"}})
	if p.status != http.StatusBadRequest || !strings.Contains(p.body, `id="f-separation-decided-error"`) {
		t.Fatalf("invalid date: got %d, want 400 with the error next to the field\n%.1500s", p.status, p.body)
	}
	if !strings.Contains(p.body, `value="my big brother"`) || !strings.Contains(p.body, `value="2024-02-30"`) {
		t.Errorf("the form did not keep what was typed")
	}
	if _, after := neo4jtest.Counts(t); after != rels {
		t.Errorf("relationships: %d before, %d after an invalid form", rels, after)
	}
	p = b.post("/children/ard-amy/relationships", url.Values{"csrf": {tok}, "person": {"ard-kieran"}, "kind": {"sibling"}})
	if p.status != http.StatusBadRequest || !strings.Contains(p.body, `id="f-sibling-type-error"`) {
		t.Errorf("sibling without type: got %d, want the domain's sibling_type error by the field", p.status)
	}
}

func TestWebSessionCookieRenewRestartAndIdle(t *testing.T) {
	neo4jtest.Reset(t)
	store := testStore(t)
	cfg, _ := testConfig(t, store)
	cfg.Web.Sessions = store.Sessions()
	cfg.Web.DemoUsers = demoUsers
	cfg.Web.IdleTimeout = 3 * time.Second
	var h http.Handler = api.New(cfg, store, nil).Handler()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(hs.Close)
	jar, _ := cookiejar.New(nil)
	b := &browser{t: t, url: hs.URL, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	tok := b.csrf("/signin")
	u, _ := url.Parse(hs.URL)
	before := jar.Cookies(u)[0].Value
	p := b.post("/signin/demo", url.Values{"csrf": {tok}, "user": {"worker-a"}})
	set := p.header.Get("Set-Cookie")
	for _, want := range []string{"kinmap_session=", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(set, want) {
			t.Errorf("session cookie %q lacks %s", set, want)
		}
	}
	if strings.Contains(set, "Secure") {
		t.Errorf("cookie Secure although not configured: %q", set)
	}
	if after := jar.Cookies(u)[0].Value; after == before {
		t.Errorf("sign-in kept the session token: want a new one")
	}
	// A restarted kinmap (a new server over the same Neo4j) keeps the session.
	h = api.New(cfg, store, nil).Handler()
	if p := b.get("/caseload"); p.status != http.StatusOK {
		t.Errorf("after a restart: got %d, want the caseload", p.status)
	}
	time.Sleep(4 * time.Second)
	if p := b.get("/caseload"); p.status != http.StatusSeeOther {
		t.Errorf("after the idle timeout: got %d, want 303 to sign in", p.status)
	}
}

func TestWebEditRelationshipKeepsEndsAndVersions(t *testing.T) {
	b, _ := webApp(t, true)
	b.signIn("worker-a")
	// ard-amy's relationship with ard-kieran, found from the child page.
	page := b.get("/children/ard-amy")
	m := regexp.MustCompile(`/children/ard-amy/relationships/([^/"]+)/edit">Change<span class="visually-hidden"> relationship with Kie<`).FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no change link for Kie on the child page")
	}
	path := "/children/ard-amy/relationships/" + m[1] + "/edit"
	form := b.get(path)
	if form.status != http.StatusOK || !strings.Contains(form.body, `value="direct" selected`) {
		t.Fatalf("edit form: got %d, want the stored arrangement selected\n%.600s", form.status, form.body)
	}
	tok := csrfField.FindStringSubmatch(form.body)[1]
	v := url.Values{"csrf": {tok}, "kind": {"sibling"}, "sibling_type": {"full"}, "contact.mode": {"direct"},
		"contact.frequency": {"weekly"}, "separation.reason": {"no_placement_for_group"}, "effective": {"2026-10-01"}}
	if p := b.post(path, v); p.status != http.StatusSeeOther {
		t.Fatalf("save: got %d\n%.1500s", p.status, p.body)
	}
	if p := b.get("/children/ard-amy"); !strings.Contains(p.body, "in person, weekly") {
		t.Errorf("the child page does not show the new arrangement")
	}
	v.Set("effective", "2026-13-01")
	if p := b.post(path, v); p.status != http.StatusBadRequest || !strings.Contains(p.body, `id="f-effective-error"`) {
		t.Errorf("bad effective date: got %d, want the field error", p.status)
	}
	if p := b.get("/children/bal-mason/relationships/" + m[1] + "/edit"); p.status != http.StatusNotFound {
		t.Errorf("edit through another caseload's child: got %d, want 404", p.status)
	}
}

// TestWebNeo4jUnavailablePage: while Neo4j is unreachable a signed-in
// page is the "cannot reach its records" page, never JSON.
func TestWebNeo4jUnavailablePage(t *testing.T) {
	neo4jtest.Reset(t)
	p := startProxy(t, strings.TrimPrefix(neo4jtest.URI(), "bolt://"))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: "bolt://" + p.addr, User: "neo4j", Password: neo4jtest.Password()}, time.Minute)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer store.Close(ctx)
	cfg, _ := testConfig(t, store)
	cfg.Web.Sessions = store.Sessions()
	cfg.Web.DemoUsers = demoUsers
	hs := httptest.NewServer(api.New(cfg, store, nil).Handler())
	t.Cleanup(hs.Close)
	jar, _ := cookiejar.New(nil)
	b := &browser{t: t, url: hs.URL, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	b.signIn("evaluator-a")
	p.cut()
	page := b.get("/reports")
	if page.status != http.StatusServiceUnavailable || !isHTML(page) || !strings.Contains(page.body, "cannot reach its records") {
		t.Errorf("during the outage: got %d %s, want the unavailable page\n%.400s", page.status, page.header.Get("Content-Type"), page.body)
	}
}

// TestWebChildPageOnePersonOneRow: Gran, Amy's grandparent and kinship
// carer, is one row in the closest circle with both relationships, and
// each action link names her and which relationship it is for.
func TestWebChildPageOnePersonOneRow(t *testing.T) {
	b, _ := webApp(t, true)
	b.signIn("worker-a")
	p := b.get("/children/ard-amy")
	if n := strings.Count(p.body, `data-person="ard-isobel"`); n != 1 {
		t.Fatalf("Gran: got %d rows, want 1", n)
	}
	_, closest, _ := strings.Cut(p.body, "<h3>Closest to me</h3>")
	closest, _, _ = strings.Cut(closest, "</table>")
	_, row, _ := strings.Cut(closest, ">Gran<br>")
	row, _, _ = strings.Cut(row, "</tr>")
	for _, want := range []string{
		"<li>grandparent<span class=\"actions\">", "<li>kinship carer<span class=\"actions\">",
		`/relationships/ard-rel-isobel-amy/edit">Change<span class="visually-hidden"> relationship with Gran as grandparent</span>`,
		`/relationships/ard-rel-isobel-amy-carer/end">End<span class="visually-hidden"> relationship with Gran as kinship carer</span>`,
		`/people/ard-isobel/edit">Edit details<span class="visually-hidden"> of Gran</span>`,
		"As kinship carer:</span> not planned",
	} {
		if !strings.Contains(row, want) {
			t.Errorf("Gran's row in the closest circle lacks %q\n%s", want, row)
		}
	}
}

// TestWebTokenFormHasNoDefaultRole: the admin chooses a token's role
// (none is preselected, least of all administrator); without one nothing
// is created.
func TestWebTokenFormHasNoDefaultRole(t *testing.T) {
	b, _ := webApp(t, true)
	b.signIn("admin-a")
	form := b.get("/admin/tokens")
	if !strings.Contains(form.body, `<select id="t-role" name="role" required><option value="">Choose a role</option>`) {
		t.Errorf("the token form's role does not start at \"Choose a role\"")
	}
	p := b.post("/admin/tokens", url.Values{"csrf": {b.csrf("/admin/tokens")}, "user": {"robot-x"}, "role": {""}, "expires_in_days": {"30"}})
	if p.status != http.StatusBadRequest || !strings.Contains(p.body, "The token was not created") || strings.Contains(p.body, "km_") {
		t.Errorf("a token without a role: got %d, want the 400 form and no token\n%.600s", p.status, p.body)
	}
	if list := b.get("/admin/tokens"); strings.Contains(list.body, "robot-x") {
		t.Errorf("a token without a role was created")
	}
}

// TestWebReportIsDisclosureControlled: the evaluator's report page and
// its CSV are the published report (small counts shown as c, with the
// secondary suppression), the same as the API's, never the raw counts.
func TestWebReportIsDisclosureControlled(t *testing.T) {
	b, _ := webApp(t, true)
	b.signIn("evaluator-a")
	day := graph.DateOf(today)
	n, err := testStore(t).Authority(context.Background(), day)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := report.WriteCSV(&want, analysis.Publish(analysis.SiblingPlacementReport(n), 0)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(want.String(), ","+analysis.SuppressedMarker) {
		t.Fatalf("the demo authority's published report suppresses nothing; the test needs a suppressed cell:\n%s", want.String())
	}
	csv := b.get("/reports/sibling-placements.csv?as_of=" + day.String())
	if csv.status != http.StatusOK || csv.body != want.String() {
		t.Errorf("web CSV: got %d\n%s\nwant the published report\n%s", csv.status, csv.body, want.String())
	}
	p := b.get("/reports?as_of=" + day.String())
	if p.status != http.StatusOK || !strings.Contains(p.body, "<td>"+analysis.SuppressedMarker+"</td>") ||
		!strings.Contains(p.body, "Statistical disclosure control") {
		t.Errorf("report page: got %d, want suppressed cells and the disclosure note\n%.2000s", p.status, p.body)
	}
}

// TestWebRelationshipContactThroughSomeone: the relationship form takes
// the person a contact goes through (letterbox contact through an
// adoption team); one of the two people themselves is refused next to the
// field, with nothing written; the saved arrangement names them.
func TestWebRelationshipContactThroughSomeone(t *testing.T) {
	b, _ := webApp(t, true)
	b.signIn("worker-a")
	_, rels := neo4jtest.Counts(t)
	tok := b.csrf("/children/ard-amy/relationships/new")
	if p := b.get("/children/ard-amy/relationships/new"); !strings.Contains(p.body, `name="contact.via"`) {
		t.Fatalf("the relationship form has no contact.via field")
	}
	form := url.Values{"csrf": {tok}, "person": {"ard-jamie"}, "kind": {"friend"}, "contact.mode": {"indirect"},
		"contact.frequency": {"monthly"}, "contact.via": {"ard-jamie"}}
	p := b.post("/children/ard-amy/relationships", form)
	if p.status != http.StatusBadRequest || !strings.Contains(p.body, `id="f-contact-via-error"`) {
		t.Fatalf("via one of the two: got %d, want 400 with the error next to contact.via\n%.1500s", p.status, p.body)
	}
	if _, after := neo4jtest.Counts(t); after != rels {
		t.Errorf("relationships: %d before, %d after a refused form", rels, after)
	}
	form.Set("contact.via", "ard-morag")
	if p := b.post("/children/ard-amy/relationships", form); p.status != http.StatusSeeOther {
		t.Fatalf("contact through ard-morag: got %d\n%.1500s", p.status, p.body)
	}
	if _, after := neo4jtest.Counts(t); after != rels+1 {
		t.Errorf("relationships: %d before, %d after a saved form, want one more", rels, after)
	}
	n, err := testStore(t).Network(context.Background(), "ard-amy", graph.Today())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range n.Relationships {
		if r.Kind == graph.RelFriend && (r.From == "ard-jamie" || r.To == "ard-jamie") && r.ContactVia() == "ard-morag" {
			found = true
		}
	}
	if !found {
		t.Errorf("no friend relationship with ard-jamie whose contact goes through ard-morag is stored")
	}
}

// TestWebChildPageKeptUntilAWrite: the child's page is served from the
// store-version cache while nothing changes (the same page, each view
// still audited), and drawn afresh after any write: a new contact shows
// at once. Whether the user may edit is theirs, not the cached page's.
func TestWebChildPageKeptUntilAWrite(t *testing.T) {
	b, _ := webApp(t, true)
	b.signIn("worker-a")
	first := b.get("/children/ard-amy")
	again := b.get("/children/ard-amy")
	if first.status != http.StatusOK || again.status != http.StatusOK {
		t.Fatalf("child page: got %d, %d", first.status, again.status)
	}
	strip := func(s string) string { return csrfField.ReplaceAllString(s, "") }
	if strip(first.body) != strip(again.body) {
		t.Errorf("the same page, nothing written: the two views differ")
	}
	if !strings.Contains(again.body, "/people/ard-isobel/edit") {
		t.Errorf("a worker's page lacks the edit links")
	}
	day := graph.DateOf(today.AddDate(0, 0, -1))
	if err := testStore(t).CreateContact(context.Background(), graph.Contact{ID: "web-cache-contact", From: "ard-amy", To: "ard-isobel",
		Date: day, Kind: graph.ContactVisit}); err != nil {
		t.Fatalf("CreateContact: %v", err)
	}
	after := b.get("/children/ard-amy")
	if after.status != http.StatusOK || !strings.Contains(after.body, day.Long()) {
		t.Errorf("after a contact on %s: got %d, the page does not show it", day.Long(), after.status)
	}
}
