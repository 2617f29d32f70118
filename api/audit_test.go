package api_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestAuditTrailMatchesSession performs a scripted session and checks the
// audit trail records exactly it: who, role, which child or record, what,
// the map audience, the request id and the outcome.
func TestAuditTrailMatchesSession(t *testing.T) {
	c := demoClient(t) // the admin's import is the first event
	worker := c.as(graph.Principal{User: "worker-a", Role: graph.RoleWorker})
	eval := c.as(graph.Principal{User: "eval-t", Role: graph.RoleEvaluator})
	steps := []struct {
		cl           *client
		method, path string
		body         any
		status       int
	}{
		{worker, "GET", "/api/v1/children/ard-kieran/flags", nil, 200},
		{worker, "GET", "/api/v1/children/ard-kieran/map.svg?audience=family", nil, 200},
		{worker, "GET", "/api/v1/children/bal-mason/network", nil, 404},
		{eval, "GET", "/api/v1/children/ard-kieran/network", nil, 403},
		{c.anonymous(), "GET", "/api/v1/children", nil, 401},
		{worker, "POST", "/api/v1/relationships", `{"id":"aud-rel","from":"ard-kieran","to":"ard-chloe","kind":"friend"}`, 201},
		{worker, "POST", "/api/v1/relationships", `{"id":"aud-bad","from":"ard-kieran","to":"ard-kieran","kind":"friend"}`, 400},
		{worker, "POST", "/api/v1/relationships", `{"id":"aud-out","from":"ard-kieran","to":"bal-alison","kind":"friend"}`, 404},
		{worker, "GET", "/api/v1/relationships/aud-rel", nil, 200},
		{worker, "GET", "/api/v1/residences/ard-kieran-res2", nil, 200},
		{worker, "GET", "/api/v1/people/ard-leanne", nil, 200},
		{c.as(admin), "GET", "/api/v1/export", nil, 200},
		{eval, "GET", "/api/v1/export/pseudonymised", nil, 200},
		{eval, "GET", "/healthz", nil, 200}, // not audited
	}
	var ids []string
	for _, s := range steps {
		res := s.cl.do(s.method, s.path, s.body, "")
		if res.Status != s.status {
			t.Fatalf("%s %s: got %d %s, want %d", s.method, s.path, res.Status, res.Body, s.status)
		}
		ids = append(ids, res.Header.Get("X-Request-Id"))
	}
	want := []string{
		"admin-t admin import - - - allowed 200",
		"worker-a worker read_flags ard-kieran - - allowed 200",
		"worker-a worker read_map ard-kieran - family allowed 200",
		"worker-a worker read_network bal-mason - - denied 404",
		"eval-t evaluator read_network ard-kieran - - denied 403",
		"- - list_children - - - denied 401",
		"worker-a worker create_relationship ard-kieran aud-rel - allowed 201",
		"worker-a worker create_relationship - aud-bad - error 400",
		"worker-a worker create_relationship ard-kieran aud-out - denied 404",
		"worker-a worker read_relationship ard-kieran aud-rel - allowed 200",
		"worker-a worker read_residence ard-kieran ard-kieran-res2 - allowed 200",
		"worker-a worker read_person ard-amy ard-leanne - allowed 200",
		"admin-t admin export - - - allowed 200",
		"eval-t evaluator export_pseudonymised - - - allowed 200",
	}
	var trail struct{ Items []graph.AuditEvent }
	res := c.as(admin).do("GET", "/api/v1/audit", nil, "")
	if res.Status != http.StatusOK {
		t.Fatalf("audit: %d %s", res.Status, res.Body)
	}
	res.decode(t, &trail)
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	var got []string
	for _, e := range trail.Items {
		got = append(got, fmt.Sprintf("%s %s %s %s %s %s %s %d", dash(e.User), dash(string(e.Role)), e.Action,
			dash(e.Child), dash(e.Record), dash(e.Audience), e.Outcome, e.Status))
	}
	if !slices.Equal(got, want) {
		t.Errorf("audit trail:\ngot  %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	for i, e := range trail.Items[1:] {
		if i < len(ids) && e.RequestID != ids[i] {
			t.Errorf("event %d: request id %q, want %q (the response's X-Request-Id)", i+1, e.RequestID, ids[i])
		}
	}
	// Filters.
	var mine struct{ Items []graph.AuditEvent }
	c.as(admin).do("GET", "/api/v1/audit?child=ard-kieran&user=worker-a", nil, "").decode(t, &mine)
	if len(mine.Items) != 6 {
		t.Errorf("filtered by child and user: got %d events, want 6", len(mine.Items))
	}
	var page struct {
		Items     []graph.AuditEvent
		Truncated bool
	}
	c.as(admin).do("GET", "/api/v1/audit?child=ard-kieran&user=worker-a&limit=2", nil, "").decode(t, &page)
	if len(page.Items) != 2 || !page.Truncated {
		t.Errorf("limit 2: got %d events, truncated %v; want 2, truncated", len(page.Items), page.Truncated)
	}
	c.as(admin).do("GET", "/api/v1/audit?child=ard-kieran&user=worker-a&limit=6", nil, "").decode(t, &page)
	if len(page.Items) != 6 || page.Truncated {
		t.Errorf("limit 6: got %d events, truncated %v; want 6, not truncated (the limit was reached, but no more follow)", len(page.Items), page.Truncated)
	}
	c.as(admin).do("GET", "/api/v1/audit?child=ard-kieran&user=worker-a&limit=7", nil, "").decode(t, &page)
	if len(page.Items) != 6 || page.Truncated {
		t.Errorf("limit 7: got %d events, truncated %v; want 6, not truncated", len(page.Items), page.Truncated)
	}
	if res := c.as(admin).do("GET", "/api/v1/audit?from=yesterday", nil, ""); res.Status != http.StatusBadRequest {
		t.Errorf("bad from: got %d, want 400", res.Status)
	}
	// Append-only: no route edits or deletes the trail.
	for _, r := range c.routes() {
		if strings.Contains(r, "/audit") && !strings.HasPrefix(r, "GET ") {
			t.Errorf("route %s could change the audit trail", r)
		}
	}
}

// TestTokenLifecycle: an admin creates an API token (shown once), it
// works, it is listed without its secret, it is revoked and stops working.
func TestTokenLifecycle(t *testing.T) {
	c := demoClient(t)
	var tok struct {
		ID, Token, User string
		Role            graph.Role
	}
	res := c.as(admin).do("POST", "/api/v1/tokens", `{"user":"worker-a","role":"worker","expires_in_days":30}`, "")
	if res.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", res.Status, res.Body)
	}
	res.decode(t, &tok)
	if !strings.HasPrefix(tok.Token, "km_") || tok.Role != graph.RoleWorker {
		t.Fatalf("created token: got %+v", tok)
	}
	api := *c
	api.token = tok.Token
	if res := api.do("GET", "/api/v1/children/ard-kieran/flags", nil, ""); res.Status != http.StatusOK {
		t.Errorf("with the new token: got %d, want 200", res.Status)
	}
	list := c.as(admin).do("GET", "/api/v1/tokens", nil, "")
	if !strings.Contains(string(list.Body), tok.ID) || strings.Contains(string(list.Body), tok.Token) {
		t.Errorf("token list: must name the token and never show its secret: %s", list.Body)
	}
	if res := c.as(admin).do("POST", "/api/v1/tokens/"+tok.ID+"/revoke", nil, ""); res.Status != http.StatusNoContent {
		t.Errorf("revoke: got %d %s", res.Status, res.Body)
	}
	if res := api.do("GET", "/api/v1/children/ard-kieran/flags", nil, ""); res.Status != http.StatusUnauthorized {
		t.Errorf("revoked token: got %d, want 401", res.Status)
	}
	if res := c.as(admin).do("POST", "/api/v1/tokens", `{"user":"x","role":"superuser"}`, ""); res.Status != http.StatusBadRequest {
		t.Errorf("unknown role: got %d, want 400", res.Status)
	}
}

// TestPseudonymisedExport: the evaluators' export has no fixture name,
// address or date of birth, and the same child has the same key in two
// exports.
func TestPseudonymisedExport(t *testing.T) {
	c := demoClient(t)
	eval := c.as(graph.Principal{User: "eval-t", Role: graph.RoleEvaluator})
	a := eval.do("GET", "/api/v1/export/pseudonymised", nil, "")
	b := eval.do("GET", "/api/v1/export/pseudonymised", nil, "")
	if a.Status != http.StatusOK || string(a.Body) != string(b.Body) {
		t.Fatalf("export: %d; two exports equal: %v", a.Status, string(a.Body) == string(b.Body))
	}
	if leaks := personalData(string(a.Body)); len(leaks) > 0 {
		t.Errorf("pseudonymised export contains %q", leaks)
	}
	for _, id := range []string{"ard-kieran", "worker-a", "ard-h-fairlie"} {
		if strings.Contains(string(a.Body), id) {
			t.Errorf("pseudonymised export contains the id %q", id)
		}
	}
}

// failingAudit is a store whose audit trail cannot be written.
type failingAudit struct{ api.Store }

func (failingAudit) AppendAudit(context.Context, graph.AuditEvent) error {
	return fmt.Errorf("audit down: %w", graph.ErrUnavailable)
}

// TestNothingLeavesUnaudited: when the audit trail cannot record a read,
// the data is withheld (503), not sent.
func TestNothingLeavesUnaudited(t *testing.T) {
	c := demoClient(t)
	down := newClientFor(t, failingAudit{testStore(t)})
	res := down.do("GET", "/api/v1/children/ard-kieran/flags", nil, "")
	if res.Status != http.StatusServiceUnavailable || strings.Contains(string(res.Body), "Kie") || res.Header.Get("Retry-After") == "" {
		t.Errorf("read with the audit trail down: got %d %.200s (Retry-After %q), want 503 without data, with Retry-After",
			res.Status, res.Body, res.Header.Get("Retry-After"))
	}
	res = down.do("GET", "/api/v1/children/ard-kieran/map.svg", nil, "")
	if res.Status != http.StatusServiceUnavailable || res.Header.Get("ETag") != "" {
		t.Errorf("map with the audit trail down: got %d, ETag %q; want 503 and no ETag", res.Status, res.Header.Get("ETag"))
	}
	if res := c.do("GET", "/api/v1/children/ard-kieran/flags", nil, ""); res.Status != http.StatusOK {
		t.Errorf("with the audit trail up: got %d, want 200", res.Status)
	}
}

// panickingAuth is an authenticator that panics.
type panickingAuth struct{}

func (panickingAuth) Authenticate(context.Context, *http.Request) (graph.Principal, error) {
	panic("authenticator bug")
}

// TestPanicInTheAccessCheckIsAnswered500AndAudited: a panic while the
// caller is authenticated and checked (the response is already held)
// answers 500, not an empty 200, and the audit trail records it.
func TestPanicInTheAccessCheckIsAnswered500AndAudited(t *testing.T) {
	neo4jtest.Reset(t)
	store := testStore(t)
	srv := api.New(api.Config{Today: func() time.Time { return today }, RateLimit: -1, Auth: panickingAuth{}}, store,
		slog.New(slog.NewJSONHandler(&sessionLogs, nil)))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/api/v1/children/ard-kieran/flags", nil)
	req.Header.Set("Authorization", "Bearer whatever")
	srv.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"code":"internal"`) {
		t.Errorf("panic in the access check: got %d %q, want 500 with an error body", rec.Code, rec.Body.String())
	}
	rid := rec.Header().Get("X-Request-Id")
	events, err := store.Audit(context.Background(), graph.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(events, func(e graph.AuditEvent) bool { return e.RequestID == rid })
	if i < 0 {
		t.Fatalf("no audit event for request %s among %d", rid, len(events))
	}
	if e := events[i]; e.Status != http.StatusInternalServerError || e.Outcome != graph.OutcomeError || e.Action != "read_flags" {
		t.Errorf("audit event: got %s %s %d, want read_flags error 500", e.Action, e.Outcome, e.Status)
	}
}

// auditPage is one page of GET /audit.
type auditPage struct {
	Items     []graph.AuditEvent
	Truncated bool
	Next      string
}

// TestAuditReadPagesWithACursor: truncated is said only when more events
// exist, and the next cursor continues after the last event, neither
// repeating nor skipping events recorded at the very same time.
func TestAuditReadPagesWithACursor(t *testing.T) {
	c := newClient(t).as(admin)
	store := testStore(t)
	at := time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC)
	var want []string
	for range 5 {
		e := graph.AuditEvent{ID: graph.NewAuditID(), At: at, User: "audit-pager", Role: graph.RoleWorker,
			Action: "read_flags", Status: 200, Outcome: graph.OutcomeAllowed}
		if err := store.AppendAudit(context.Background(), e); err != nil {
			t.Fatal(err)
		}
		want = append(want, e.ID)
	}
	slices.Sort(want) // one time: oldest first, then by id
	var exact auditPage
	c.do("GET", "/api/v1/audit?user=audit-pager&limit=5", nil, "").decode(t, &exact)
	if len(exact.Items) != 5 || exact.Truncated || exact.Next != "" {
		t.Errorf("limit = number of events: got %d events, truncated %v, next %q; want 5, false, none", len(exact.Items), exact.Truncated, exact.Next)
	}
	var got []string
	path := "/api/v1/audit?user=audit-pager&limit=2"
	for page := 0; page < 4; page++ {
		res := c.do("GET", path, nil, "")
		if res.Status != http.StatusOK {
			t.Fatalf("page %d: %d %s", page, res.Status, res.Body)
		}
		var p auditPage
		res.decode(t, &p)
		for _, e := range p.Items {
			got = append(got, e.ID)
		}
		if p.Truncated != (p.Next != "") {
			t.Errorf("page %d: truncated %v but next %q", page, p.Truncated, p.Next)
		}
		if !p.Truncated {
			break
		}
		path = "/api/v1/audit?user=audit-pager&limit=2&after=" + p.Next
	}
	if !slices.Equal(got, want) {
		t.Errorf("paged events: got %v, want %v (each once, in order)", got, want)
	}
	if res := c.do("GET", "/api/v1/audit?after=not-a-cursor", nil, ""); res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), `"field":"after"`) {
		t.Errorf("bad cursor: got %d %s, want 400 naming after", res.Status, res.Body)
	}
}

// TestAuditReadReportsEveryBadParameter: two bad values give two errors,
// in the parameters' order, every time.
func TestAuditReadReportsEveryBadParameter(t *testing.T) {
	c := newClient(t).as(admin)
	for range 5 {
		res := c.do("GET", "/api/v1/audit?from=yesterday&to=tomorrow", nil, "")
		var e struct {
			Error struct{ Fields []struct{ Field string } }
		}
		res.decode(t, &e)
		var fields []string
		for _, f := range e.Error.Fields {
			fields = append(fields, f.Field)
		}
		if res.Status != http.StatusBadRequest || !slices.Equal(fields, []string{"from", "to"}) {
			t.Fatalf("two bad times: got %d fields %v, want 400 [from to]", res.Status, fields)
		}
	}
}
