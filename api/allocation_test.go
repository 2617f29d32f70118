package api_test

import (
	"net/http"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// TestOnlyChildrenAreAllocated: a manager who allocates an adult nobody
// holds (Mason's dad, in team-south's family) gets 404 and no way into
// Mason's network; a child nobody holds may be allocated, and the audit
// event names who allocated whom.
func TestOnlyChildrenAreAllocated(t *testing.T) {
	c := demoClient(t)
	north := c.as(graph.Principal{User: "manager-north", Role: graph.RoleManager, Teams: []string{"team-north"}})
	res := north.do("POST", "/api/v1/assignments", `{"id":"al-gary","worker":"manager-north","team":"team-north","child":"bal-gary"}`, "")
	if res.Status != http.StatusNotFound {
		t.Errorf("allocate an adult: got %d %s, want 404", res.Status, res.Body)
	}
	if res := north.do("GET", "/api/v1/children/bal-mason/network", nil, ""); res.Status != http.StatusNotFound {
		t.Errorf("after allocating an adult, Mason's network answers %d, want 404", res.Status)
	}
	// An admin is told plainly.
	res = c.as(admin).do("POST", "/api/v1/assignments", `{"worker":"worker-z","team":"team-north","child":"bal-gary"}`, "")
	if res.Status != http.StatusBadRequest {
		t.Errorf("admin allocates an adult: got %d %s, want 400", res.Status, res.Body)
	}
	// A pet or a person of unknown age is no child either.
	for _, body := range []string{`{"id":"al-pet","full_name":"Rex","pet":true}`, `{"id":"al-unknown","full_name":"Who Knows"}`} {
		if res := north.do("POST", "/api/v1/people", body, ""); res.Status != http.StatusCreated {
			t.Fatalf("person: %d %s", res.Status, res.Body)
		}
	}
	for _, id := range []string{"al-pet", "al-unknown"} {
		res := north.do("POST", "/api/v1/assignments", `{"worker":"worker-n","team":"team-north","child":"`+id+`"}`, "")
		if res.Status != http.StatusNotFound {
			t.Errorf("allocate %s: got %d %s, want 404", id, res.Status, res.Body)
		}
	}
	if res := north.do("POST", "/api/v1/people", `{"id":"al-kid","full_name":"Kim Newcase","date_of_birth":"2019-04-01"}`, ""); res.Status != http.StatusCreated {
		t.Fatalf("child: %d %s", res.Status, res.Body)
	}
	res = north.do("POST", "/api/v1/assignments", `{"id":"al-kid-a","worker":"worker-n","team":"team-north","child":"al-kid"}`, "")
	if res.Status != http.StatusCreated {
		t.Fatalf("allocate a child being assessed: got %d %s, want 201", res.Status, res.Body)
	}
	var trail struct{ Items []graph.AuditEvent }
	c.as(admin).do("GET", "/api/v1/audit?user=manager-north", nil, "").decode(t, &trail)
	var got, gary *graph.AuditEvent
	for i, e := range trail.Items {
		switch {
		case e.Action == "create_assignment" && e.Record == "al-kid-a":
			got = &trail.Items[i]
		case e.Action == "create_assignment" && e.Record == "al-gary":
			gary = &trail.Items[i]
		}
	}
	if got == nil || got.User != "manager-north" || got.Child != "al-kid" || got.ForUser != "worker-n" || got.Outcome != graph.OutcomeAllowed {
		t.Errorf("allocation audit event: %+v, want manager-north allocating al-kid to worker-n", got)
	}
	if gary == nil || gary.Outcome != graph.OutcomeDenied || gary.ForUser != "manager-north" || gary.Child != "bal-gary" {
		t.Errorf("refused allocation audit event: %+v, want denied, naming bal-gary and manager-north", gary)
	}
}
