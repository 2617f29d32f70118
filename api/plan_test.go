package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestPlanActions: a worker records an action of the plan, lists it,
// marks it done (audited), and bad input writes nothing.
func TestPlanActions(t *testing.T) {
	c := demoClient(t)
	worker := c.as(graph.Principal{User: "worker-a", Role: graph.RoleWorker})
	res := worker.do("POST", "/api/v1/children/ard-kieran/plan-actions",
		`{"person":"ard-lily","what":"letter to Lily each month","owner":"carer","made":"2026-10-01","due":"2026-10-20","status":"planned","child_words":"write to Lily"}`, "")
	if res.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", res.Status, res.Body)
	}
	var made graph.PlanAction
	res.decode(t, &made)
	if made.ID == "" || made.Child != "ard-kieran" || res.Header.Get("Location") != "/api/v1/plan-actions/"+made.ID {
		t.Errorf("created %+v at %q", made, res.Header.Get("Location"))
	}
	// Past due and open: flagged.
	var fl struct {
		Flags []struct{ Kind, Explanation string }
	}
	c.do("GET", "/api/v1/children/ard-kieran/flags", nil, "").decode(t, &fl)
	overdue := 0
	for _, f := range fl.Flags {
		if f.Kind == "plan_action_overdue" && strings.Contains(f.Explanation, "letter to Lily each month") {
			overdue++
		}
	}
	if overdue != 1 {
		t.Errorf("flags of ard-kieran: %+v, want the new action overdue", fl.Flags)
	}
	var list struct{ Items []graph.PlanAction }
	worker.do("GET", "/api/v1/children/ard-kieran/plan-actions", nil, "").decode(t, &list)
	if len(list.Items) != 2 || list.Items[0].ID != made.ID {
		t.Errorf("list: %+v, want the new action (due first) and the fixture's", list.Items)
	}
	for _, tc := range []struct {
		name, method, path, body, field string
		status                          int
	}{
		{"due before it was made", "POST", "/api/v1/children/ard-kieran/plan-actions",
			`{"what":"x","owner":"worker","made":"2026-10-01","due":"2026-09-01","status":"planned"}`, "due", 400},
		{"made in the future", "POST", "/api/v1/children/ard-kieran/plan-actions",
			`{"what":"x","owner":"worker","made":"2099-10-01","due":"2099-11-01","status":"planned"}`, "made", 400},
		{"unknown owner", "POST", "/api/v1/children/ard-kieran/plan-actions",
			`{"what":"x","owner":"gran","made":"2026-10-01","due":"2026-11-01","status":"planned"}`, "owner", 400},
		{"someone outside the caseload", "POST", "/api/v1/children/ard-kieran/plan-actions",
			`{"person":"bal-mason","what":"x","owner":"worker","made":"2026-10-01","due":"2026-11-01","status":"planned"}`, "person", 404},
		{"not done without a reason", "PUT", "/api/v1/plan-actions/" + made.ID + "/status", `{"status":"not_done","changed":"2026-10-25"}`, "reason", 400},
		{"status changed before it was made", "PUT", "/api/v1/plan-actions/" + made.ID + "/status", `{"status":"done","changed":"2026-09-01"}`, "status_changed", 400},
		{"unknown status", "PUT", "/api/v1/plan-actions/" + made.ID + "/status", `{"status":"maybe"}`, "status", 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n0, r0 := neo4jtest.Counts(t)
			res := worker.do(tc.method, tc.path, tc.body, "")
			if res.Status != tc.status {
				t.Fatalf("got %d %s, want %d", res.Status, res.Body, tc.status)
			}
			var e struct {
				Error struct{ Fields []struct{ Field string } }
			}
			res.decode(t, &e)
			if len(e.Error.Fields) == 0 || e.Error.Fields[0].Field != tc.field {
				t.Errorf("fields %+v, want %s", e.Error.Fields, tc.field)
			}
			if n1, r1 := neo4jtest.Counts(t); n1 != n0 || r1 != r0 {
				t.Errorf("database changed")
			}
		})
	}
	var still graph.PlanAction
	worker.do("GET", "/api/v1/plan-actions/"+made.ID, nil, "").decode(t, &still)
	if still.Status != graph.ActionPlanned {
		t.Errorf("after refused changes: %+v, want still planned", still)
	}
	res = worker.do("PUT", "/api/v1/plan-actions/"+made.ID+"/status", `{"status":"done","changed":"2026-10-25"}`, "")
	var done graph.PlanAction
	res.decode(t, &done)
	if res.Status != http.StatusOK || done.Status != graph.ActionDone || done.StatusChanged.String() != "2026-10-25" {
		t.Errorf("mark done: %d %+v", res.Status, done)
	}
	got := trailFor(t, c, res.Header.Get("X-Request-Id"))
	if len(got) != 1 || got[0].Action != "update_plan_action" || got[0].Record != made.ID || got[0].Status != http.StatusOK {
		t.Errorf("audit of the status change: %+v", got)
	}
	if res := c.as(graph.Principal{User: "worker-e", Role: graph.RoleWorker}).do("GET", "/api/v1/plan-actions/"+made.ID, nil, ""); res.Status != http.StatusNotFound && res.Status != http.StatusForbidden {
		t.Errorf("another caseload's worker: %d, want 404 or 403", res.Status)
	}
}
