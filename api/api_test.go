package api_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestRoutesMatchOpenAPI fails when a served route is missing from
// openapi.json or the document lists a route that is not served.
func TestRoutesMatchOpenAPI(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(api.OpenAPI(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			if method != "parameters" {
				documented = append(documented, strings.ToUpper(method)+" "+path)
			}
		}
	}
	slices.Sort(documented)
	served := api.New(api.Config{}, testStore(t), nil).Routes()
	for _, r := range served {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is served but missing from openapi.json", r)
		}
	}
	for _, r := range documented {
		if !slices.Contains(served, r) {
			t.Errorf("route %s is in openapi.json but not served", r)
		}
	}
	spec(t) // and the document itself is valid OpenAPI 3
}

func TestUnknownRouteIsJSON404(t *testing.T) {
	c := newClient(t)
	for _, path := range []string{"/nope", "/api/v1/nope", "/api/v1/people/x/y/z"} {
		res := c.do(http.MethodGet, path, nil, "")
		var body struct{ Error struct{ Code string } }
		res.decode(t, &body)
		if res.Status != http.StatusNotFound || body.Error.Code != "not_found" {
			t.Errorf("GET %s: got %d %s, want 404 not_found JSON", path, res.Status, res.Body)
		}
	}
	res := c.do(http.MethodDelete, "/api/v1/people/x", nil, "")
	if res.Status != http.StatusMethodNotAllowed || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Errorf("DELETE person: got %d %q, want 405 JSON", res.Status, res.Header.Get("Content-Type"))
	}
}

func TestHealthz(t *testing.T) {
	c := newClient(t)
	if res := c.do(http.MethodGet, "/healthz", nil, ""); res.Status != http.StatusOK {
		t.Errorf("healthz: got %d, want 200", res.Status)
	}
	if res := c.do(http.MethodGet, "/readyz", nil, ""); res.Status != http.StatusOK {
		t.Errorf("readyz: got %d, want 200", res.Status)
	}
	if res := c.do(http.MethodGet, "/api/v1/openapi.json", nil, ""); res.Status != http.StatusOK || !json.Valid(res.Body) {
		t.Errorf("openapi.json: got %d", res.Status)
	}
}

func TestRecordLifecycle(t *testing.T) {
	c := newClient(t)
	steps := []struct {
		who          *graph.Principal // nil: the manager
		method, path string
		body         any
		want         int
	}{
		{nil, "POST", "/api/v1/people", `{"id":"a-kid","full_name":"Ada Example","known_as":"Ada","date_of_birth":"2015-05-05","looked_after":true,"looked_after_since":"2023-02-01"}`, 201},
		{nil, "POST", "/api/v1/people", `{"id":"a-sis","full_name":"Bea Example","date_of_birth":"2012-01-01","looked_after":true}`, 201},
		{nil, "POST", "/api/v1/people", `{"full_name":"Generated Id"}`, 201},
		{nil, "POST", "/api/v1/assignments", `{"id":"a-as","worker":"worker-t","team":"team-test","child":"a-kid","since":"2023-02-01"}`, 201},
		{nil, "POST", "/api/v1/assignments", `{"id":"a-as2","worker":"worker-t","team":"team-test","child":"a-sis","since":"2023-02-01"}`, 201},
		{nil, "POST", "/api/v1/assignments", `{"id":"a-as3","worker":"worker-t","team":"team-elsewhere","child":"a-sis"}`, 400},
		{nil, "POST", "/api/v1/households", `{"id":"a-h1","kind":"foster","address":"2 Example Row","confidential":true}`, 201},
		{nil, "POST", "/api/v1/households", `{"id":"a-h2","kind":"kinship","locality":"Testtown"}`, 201},
		{nil, "POST", "/api/v1/residences", `{"id":"a-r1","person":"a-kid","household":"a-h1","from":"2023-02-01"}`, 201},
		{nil, "POST", "/api/v1/residences", `{"id":"a-r2","person":"a-sis","household":"a-h2","from":"2023-02-01"}`, 201},
		{nil, "POST", "/api/v1/relationships", `{"id":"a-rel","from":"a-kid","to":"a-sis","kind":"sibling","sibling_type":"half","from_view":{"circle":"closest","words":"my big sister"},"contact":{"mode":"direct","frequency":"weekly"}}`, 201},
		{nil, "POST", "/api/v1/contacts", `{"id":"a-c1","from":"a-kid","to":"a-sis","date":"2026-10-01","kind":"visit"}`, 201},
		{nil, "GET", "/api/v1/people/a-kid", nil, 200},
		{nil, "PUT", "/api/v1/people/a-kid", `{"full_name":"Ada Example","looked_after":true,"looked_after_since":"2023-02-01","looked_after_until":"2023-01-31"}`, 400},
		{nil, "PUT", "/api/v1/people/a-kid", `{"full_name":"Ada Example","looked_after_until":"2026-09-30"}`, 400},
		{nil, "PUT", "/api/v1/people/a-kid", `{"full_name":"Ada Example","known_as":"Addy","looked_after":true,"looked_after_until":"2026-09-30"}`, 200},
		{nil, "PUT", "/api/v1/households/a-h2", `{"id":"a-h2","kind":"kinship","locality":"Elsewhere"}`, 200},
		{nil, "GET", "/api/v1/households/a-h1", nil, 200},
		{nil, "GET", "/api/v1/residences/a-r1", nil, 200},
		{nil, "GET", "/api/v1/relationships/a-rel", nil, 200},
		{nil, "PUT", "/api/v1/relationships/a-rel", `{"from":"a-kid","to":"a-sis","kind":"sibling","sibling_type":"half","separation":{"reason":"child_wish"}}`, 200},
		{nil, "GET", "/api/v1/contacts/a-c1", nil, 200},
		{nil, "GET", "/api/v1/assignments/a-as", nil, 200},
		{nil, "GET", "/api/v1/children", nil, 200},
		{nil, "GET", "/api/v1/children?limit=1&offset=1", nil, 200},
		{nil, "GET", "/api/v1/children/a-kid/network?as_of=2026-10-15", nil, 200},
		{nil, "GET", "/api/v1/children/a-kid/network", nil, 200},
		{nil, "POST", "/api/v1/people/a-sis/moves", `{"id":"a-r3","household":"a-h1","from":"2026-10-10"}`, 201},
		{nil, "GET", "/api/v1/residences/a-r2", nil, 200},
		{nil, "POST", "/api/v1/residences/a-r1/end", `{"until":"2026-10-20"}`, 200},
		{nil, "POST", "/api/v1/relationships/a-rel/end", `{"until":"2026-10-20"}`, 200},
		{&admin, "GET", "/api/v1/export", nil, 200},
	}
	for _, s := range steps {
		cl := c
		if s.who != nil {
			cl = c.as(*s.who)
		}
		res := cl.do(s.method, s.path, s.body, "")
		if res.Status != s.want {
			t.Fatalf("%s %s: got %d %s, want %d", s.method, s.path, res.Status, res.Body, s.want)
		}
	}
	// The move ended the sister's kinship home the day before.
	var r2 graph.Residence
	c.do("GET", "/api/v1/residences/a-r2", nil, "").decode(t, &r2)
	if r2.Until != graph.MustDate("2026-10-09") {
		t.Errorf("home before the move: got until %v, want 2026-10-09", r2.Until)
	}
	var kid graph.Person
	c.do("GET", "/api/v1/people/a-kid", nil, "").decode(t, &kid)
	if kid.KnownAs != "Addy" || !kid.DateOfBirth.IsZero() || kid.LookedAfterUntil != graph.MustDate("2026-09-30") {
		t.Errorf("after PUT: got %+v, want known_as Addy, care ended 2026-09-30 and no date of birth (PUT replaces)", kid)
	}
	var page struct {
		Items []graph.ChildSummary
		Total int
	}
	c.do("GET", "/api/v1/children", nil, "").decode(t, &page)
	if page.Total != 2 || len(page.Items) != 2 || page.Items[0].ID != "a-kid" || page.Items[0].Name != "Ada Example" {
		t.Errorf("children: got %+v, want a-kid and a-sis", page)
	}
	var n graph.Network
	c.do("GET", "/api/v1/children/a-kid/network?as_of=2026-10-15", nil, "").decode(t, &n)
	if len(n.People) != 2 || len(n.Relationships) != 1 || len(n.Contacts) != 1 || len(n.Households) != 2 {
		t.Errorf("network: got %d people %d rels %d contacts %d households, want 2 1 1 2",
			len(n.People), len(n.Relationships), len(n.Contacts), len(n.Households))
	}
	var rel graph.Relationship
	c.do("GET", "/api/v1/relationships/a-rel", nil, "").decode(t, &rel)
	if rel.Until != graph.MustDate("2026-10-20") || rel.Separation == nil || rel.Separation.Reason != graph.SeparationChildWish {
		t.Errorf("relationship after PUT and end: got %+v", rel)
	}
	if nodes, _ := neo4jtest.Counts(t); nodes != 6 {
		t.Errorf("nodes: got %d, want 3 people + 2 households + 1 worker", nodes)
	}
	// Ending an assignment takes the child off the caseload: then the
	// child's records are as unknown to the manager as a missing id.
	if res := c.do("POST", "/api/v1/assignments/a-as/end", `{"until":"2026-10-20"}`, ""); res.Status != http.StatusOK {
		t.Fatalf("end assignment: %d %s", res.Status, res.Body)
	}
	if res := c.do("GET", "/api/v1/children/a-kid/network", nil, ""); res.Status != http.StatusNotFound {
		t.Errorf("network after the case moved on: got %d, want 404", res.Status)
	}
}
