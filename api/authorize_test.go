package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// The roles of the matrix, in the order of each expectation string.
var (
	matrixWorker  = graph.Principal{User: "worker-a", Role: graph.RoleWorker}                                  // holds the ardvane children
	matrixManager = graph.Principal{User: "manager-s", Role: graph.RoleManager, Teams: []string{"team-south"}} // not ardvane
	matrixIRO     = graph.Principal{User: "iro-t", Role: graph.RoleReviewingOfficer}                           // assigned Amy: the ardvane group
	matrixEval    = graph.Principal{User: "eval-t", Role: graph.RoleEvaluator}
	matrixAdmin   = graph.Principal{User: "admin-t", Role: graph.RoleAdmin}
)

// TestRoleRouteMatrix runs every role (and no credentials) against every
// route. Expectations, one letter per caller in the order worker,
// manager, reviewing officer, evaluator, admin, anonymous: A allowed
// (2xx), N not found (404: outside the caller's scope, so existence is
// not told), D denied (403: the role may not use the route), U
// unauthenticated (401).
func TestRoleRouteMatrix(t *testing.T) {
	c := demoClient(t)
	iroCase := `{"format":"kinmap/v1","people":[],"households":[],"residences":[],"relationships":[],"contacts":[],
"assignments":[{"id":"iro-t-amy","worker":"iro-t","child":"ard-amy","since":"2024-10-01"}]}`
	if res := c.as(admin).do("POST", "/api/v1/import", iroCase, ""); res.Status != http.StatusOK {
		t.Fatalf("assign the reviewing officer: %d %s", res.Status, res.Body)
	}
	var tok struct{ ID string }
	c.as(admin).do("POST", "/api/v1/tokens", `{"user":"someone","role":"worker"}`, "").decode(t, &tok)

	// Records nothing links to yet: a worker may attach them to a child
	// on the caseload.
	free := `{"format":"kinmap/v1","people":[{"id":"mx-free","full_name":"Free Person"}],
"households":[{"id":"mx-h-free","kind":"kinship"}],"residences":[],"relationships":[],"contacts":[]}`
	if res := c.as(admin).do("POST", "/api/v1/import", free, ""); res.Status != http.StatusOK {
		t.Fatalf("import unattached records: %d %s", res.Status, res.Body)
	}
	smallDoc := `{"format":"kinmap/v1","people":[{"id":"mx-new","full_name":"New Person"}],"households":[],"residences":[],"relationships":[],"contacts":[]}`
	kieran := `{"full_name":"Kieran Ardvane","known_as":"Kie","date_of_birth":"2012-06-14","looked_after":true,"looked_after_since":"2023-05-02"}`
	tests := []struct {
		method, path, body string
		want               string // worker manager iro evaluator admin anonymous
	}{
		{"GET", "/healthz", "", "AAAAAA"},
		{"GET", "/readyz", "", "AAAAAA"},
		{"GET", "/api/v1/openapi.json", "", "AAAAAA"},
		{"GET", "/api/v1/children", "", "AAADDU"},
		{"GET", "/api/v1/children/ard-kieran/network", "", "ANADDU"},
		{"GET", "/api/v1/children/ard-kieran/flags", "", "ANADDU"},
		{"GET", "/api/v1/children/ard-kieran/sibling-group", "", "ANADDU"},
		{"GET", "/api/v1/children/ard-kieran/map.svg?audience=family", "", "ANADDU"},
		{"GET", "/api/v1/children/ard-kieran/map.svg", "", "ANADDU"},
		{"GET", "/api/v1/children/ard-kieran/map.png?audience=child", "", "ANADDU"},
		{"GET", "/api/v1/children/ard-kieran/map.dot", "", "ANADDU"},
		{"GET", "/api/v1/children/ard-kieran/sibling-group/map.svg", "", "ANADDU"},
		{"GET", "/api/v1/children/bal-mason/network", "", "NANDDU"},
		{"POST", "/api/v1/people", `{"full_name":"New Person"}`, "AADDDU"},
		{"GET", "/api/v1/people/ard-kieran", "", "ANADDU"},
		{"GET", "/api/v1/people/ard-leanne", "", "ANADDU"},
		{"PUT", "/api/v1/people/ard-kieran", kieran, "ANDDDU"},
		{"POST", "/api/v1/households", `{"kind":"foster"}`, "AADDDU"},
		{"GET", "/api/v1/households/ard-h-fairlie", "", "ANADDU"},
		{"PUT", "/api/v1/households/ard-h-home", `{"kind":"birth_family","name":"Mum's flat","locality":"Drumloch"}`, "ANDDDU"},
		{"POST", "/api/v1/residences", `{"person":"ard-kieran","household":"ard-h-fairlie","from":"2026-10-30"}`, "ANDDDU"},
		{"GET", "/api/v1/residences/ard-kieran-res2", "", "ANADDU"},
		{"POST", "/api/v1/relationships", `{"from":"ard-kieran","to":"ard-chloe","kind":"friend"}`, "ANDDDU"},
		{"GET", "/api/v1/relationships/ard-rel-isobel-kieran", "", "ANADDU"},
		{"PUT", "/api/v1/relationships/ard-rel-isobel-kieran", `{"from":"ard-isobel","to":"ard-kieran","kind":"grandparent"}`, "ANDDDU"},
		{"POST", "/api/v1/contacts", `{"from":"ard-kieran","to":"ard-amy","date":"2026-10-30","kind":"call"}`, "ANDDDU"},
		// No linking one's way into someone else's records: a person, a
		// carer's home or a child outside the caller's scope answers 404
		// whichever end is in scope; records attached to nothing may be
		// linked.
		{"POST", "/api/v1/relationships", `{"from":"ard-kieran","to":"bal-alison","kind":"friend"}`, "NNDDDU"},
		{"POST", "/api/v1/relationships", `{"from":"bal-alison","to":"ard-kieran","kind":"friend"}`, "NNDDDU"},
		{"POST", "/api/v1/relationships", `{"from":"ard-kieran","to":"no-such-person","kind":"friend"}`, "NNDDDU"},
		{"POST", "/api/v1/residences", `{"person":"ard-kieran","household":"bal-h-crannach","from":"2026-10-30"}`, "NNDDDU"},
		{"POST", "/api/v1/contacts", `{"from":"ard-kieran","to":"bal-mason","date":"2026-10-30","kind":"call"}`, "NNDDDU"},
		{"POST", "/api/v1/relationships", `{"from":"ard-kieran","to":"mx-free","kind":"friend"}`, "ANDDDU"},
		{"POST", "/api/v1/residences", `{"person":"ard-amy","household":"mx-h-free","from":"2026-10-30"}`, "ANDDDU"},
		{"GET", "/api/v1/contacts/ard-c025", "", "ANADDU"},
		{"POST", "/api/v1/children/ard-kieran/assessments", `{"date":"2026-10-01","stage":"review","worker":"worker-a"}`, "ANDDDU"},
		{"GET", "/api/v1/children/ard-kieran/assessments", "", "ANADDU"},
		{"GET", "/api/v1/assessments/ard-as-kieran-1", "", "ANADDU"},
		{"POST", "/api/v1/children/ard-kieran/plan-actions", `{"person":"ard-amy","what":"call Amy","owner":"carer","made":"2026-10-01","due":"2026-11-15","status":"planned"}`, "ANDDDU"},
		{"GET", "/api/v1/children/ard-kieran/plan-actions", "", "ANADDU"},
		{"GET", "/api/v1/plan-actions/ard-pa-kieran-amy", "", "ANADDU"},
		{"PUT", "/api/v1/plan-actions/ard-pa-kieran-amy/status", `{"status":"done","changed":"2026-10-20"}`, "ANDDDU"},
		{"POST", "/api/v1/assignments", `{"worker":"worker-z","team":"team-south","child":"bal-mason"}`, "DADDAU"},
		{"GET", "/api/v1/assignments/ard-a-kieran", "", "ANDDDU"},
		{"GET", "/api/v1/assignments/bal-a-mason", "", "NADDDU"},
		{"GET", "/api/v1/reports/sibling-placements", "", "DADADU"},
		{"GET", "/api/v1/reports/sibling-placements/series?from=2026-08-01&to=2026-11-01", "", "DADADU"},
		{"GET", "/api/v1/export/pseudonymised", "", "DDDADU"},
		{"GET", "/api/v1/export", "", "DDDDAU"},
		{"POST", "/api/v1/import", smallDoc, "DDDDAU"},
		{"GET", "/api/v1/audit", "", "DDDDAU"},
		{"GET", "/api/v1/tokens", "", "DDDDAU"},
		{"POST", "/api/v1/tokens", `{"user":"another","role":"evaluator"}`, "DDDDAU"},
		{"POST", "/api/v1/tokens/" + tok.ID + "/revoke", "", "DDDDAU"},
		// Ends last: they change scope.
		{"POST", "/api/v1/relationships/ard-rel-isobel-kieran/end", `{"until":"2026-10-31"}`, "ANDDDU"},
		{"POST", "/api/v1/residences/ard-kieran-res2/end", `{"until":"2026-10-31"}`, "ANDDDU"},
		{"POST", "/api/v1/assignments/bal-a-mason/end", `{"until":"2026-10-31"}`, "DADDDU"},
		{"POST", "/api/v1/people/ard-kieran/moves", `{"household":"mx-h-free","from":"2026-11-01"}`, "ANDDDU"},
		// A manager allocates within their teams' caseloads or a child
		// nobody holds, never another team's child.
		{"POST", "/api/v1/assignments", `{"worker":"worker-z","team":"team-south","child":"ard-ethan"}`, "DNDDAU"},
	}
	callers := []func() *client{
		func() *client { return c.as(matrixWorker) }, func() *client { return c.as(matrixManager) },
		func() *client { return c.as(matrixIRO) }, func() *client { return c.as(matrixEval) },
		func() *client { return c.as(matrixAdmin) }, c.anonymous,
	}
	names := []string{"worker", "manager", "reviewing_officer", "evaluator", "admin", "anonymous"}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.method+" "+routePattern(tt.path)] = true
		for i, letter := range tt.want {
			var body any
			if tt.body != "" || tt.method != "GET" {
				body = tt.body
				if tt.body == "" {
					body = "{}"
				}
			}
			res := callers[i]().do(tt.method, tt.path, body, "")
			ok := false
			switch letter {
			case 'A':
				ok = res.Status >= 200 && res.Status < 300
			case 'N':
				ok = res.Status == http.StatusNotFound
			case 'D':
				ok = res.Status == http.StatusForbidden
			case 'U':
				ok = res.Status == http.StatusUnauthorized && res.Header.Get("WWW-Authenticate") != ""
			}
			if !ok {
				t.Errorf("%s %s as %s: got %d (%.160s), want %c", tt.method, tt.path, names[i], res.Status, res.Body, letter)
			}
		}
	}
	for _, r := range c.routes() {
		if !covered[r] {
			t.Errorf("route %s is not in the role matrix", r)
		}
	}
}

// routePattern turns a request path into its OpenAPI route pattern.
func routePattern(path string) string {
	path, _, _ = strings.Cut(path, "?")
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if i > 0 && (parts[i-1] == "children" || parts[i-1] == "people" || parts[i-1] == "households" ||
			parts[i-1] == "residences" || parts[i-1] == "relationships" || parts[i-1] == "contacts" ||
			parts[i-1] == "assignments" || parts[i-1] == "tokens" || parts[i-1] == "assessments" || parts[i-1] == "plan-actions") && p != "" && p != "moves" && !strings.Contains(p, ".") {
			parts[i] = "{id}"
		}
	}
	return strings.Join(parts, "/")
}
