package api_test

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestAssessmentsRecordedUnderTheChild: a worker records an assessment of
// a child on their caseload (audited once, with the child), reads it back
// by id and in the child's list, and the flags see it.
func TestAssessmentsRecordedUnderTheChild(t *testing.T) {
	c := demoClient(t)
	worker := c.as(graph.Principal{User: "worker-a", Role: graph.RoleWorker})
	body := `{"date":"2026-10-15","stage":"review","worker":"worker-a","contributors":["Kieran","foster carer"],
"connections":[{"person":"ard-amy","living":"live_apart","reason":"no home for both","contact":{"mode":"direct","frequency":"weekly"}}]}`
	res := worker.do("POST", "/api/v1/children/ard-kieran/assessments", body, "")
	if res.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", res.Status, res.Body)
	}
	var made graph.Assessment
	res.decode(t, &made)
	if made.ID == "" || made.Child != "ard-kieran" || res.Header.Get("Location") != "/api/v1/assessments/"+made.ID {
		t.Errorf("created %+v at %q, want an id, child ard-kieran and its location", made, res.Header.Get("Location"))
	}
	got := trailFor(t, c, res.Header.Get("X-Request-Id"))
	if len(got) != 1 || got[0].Action != "create_assessment" || got[0].Record != made.ID || got[0].Child != "ard-kieran" ||
		got[0].Status != http.StatusCreated {
		t.Errorf("audit of the create: %+v, want one create_assessment of ard-kieran", got)
	}
	var read graph.Assessment
	if res := worker.do("GET", "/api/v1/assessments/"+made.ID, nil, ""); res.Status != http.StatusOK {
		t.Fatalf("get: %d %s", res.Status, res.Body)
	} else {
		res.decode(t, &read)
	}
	if !reflect.DeepEqual(read, made) {
		t.Errorf("read back %+v, want %+v", read, made)
	}
	var list struct{ Items []graph.Assessment }
	res = worker.do("GET", "/api/v1/children/ard-kieran/assessments", nil, "")
	res.decode(t, &list)
	if res.Status != http.StatusOK || len(list.Items) != 3 || list.Items[2].ID != made.ID {
		t.Errorf("list: %d %+v, want the two fixture assessments then the new one", res.Status, list.Items)
	}
	// Another caseload's worker sees none of it.
	other := c.as(graph.Principal{User: "worker-e", Role: graph.RoleWorker})
	for _, path := range []string{"/api/v1/assessments/" + made.ID, "/api/v1/children/ard-kieran/assessments"} {
		if res := other.do("GET", path, nil, ""); res.Status != http.StatusNotFound && res.Status != http.StatusForbidden {
			t.Errorf("GET %s by worker-e: %d, want 404 or 403", path, res.Status)
		}
	}
	if res := other.do("POST", "/api/v1/children/ard-kieran/assessments", body, ""); res.Status != http.StatusNotFound && res.Status != http.StatusForbidden {
		t.Errorf("POST by worker-e: %d, want 404 or 403", res.Status)
	}
}

// TestAssessmentBadInput: 4xx naming the field, nothing written.
func TestAssessmentBadInput(t *testing.T) {
	c := demoClient(t)
	worker := c.as(graph.Principal{User: "worker-a", Role: graph.RoleWorker})
	for _, tc := range []struct {
		name, body, field string
		status            int
	}{
		{"in the future", `{"date":"2099-01-01","stage":"initial","worker":"worker-a"}`, "date", 400},
		{"no date", `{"stage":"initial","worker":"worker-a"}`, "date", 400},
		{"unknown stage", `{"date":"2026-10-01","stage":"final","worker":"worker-a"}`, "stage", 400},
		{"another child", `{"child":"ard-amy","date":"2026-10-01","stage":"initial","worker":"worker-a"}`, "child", 400},
		{"apart with no reason", `{"date":"2026-10-01","stage":"full","worker":"worker-a","connections":[{"person":"ard-amy","living":"live_apart"}]}`, "connections[0].reason", 400},
		{"the child as a connection", `{"date":"2026-10-01","stage":"full","worker":"worker-a","connections":[{"person":"ard-kieran","living":"keep_together"}]}`, "connections[0].person", 400},
		{"someone outside the caseload", `{"date":"2026-10-01","stage":"full","worker":"worker-a","connections":[{"person":"bal-mason","living":"keep_together"}]}`, "connections[0].person", 404},
		{"unknown field", `{"date":"2026-10-01","stage":"full","worker":"worker-a","score":3}`, "score", 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n0, r0 := neo4jtest.Counts(t)
			res := worker.do("POST", "/api/v1/children/ard-kieran/assessments", tc.body, "")
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
				t.Errorf("database changed: %d nodes %d rels, want %d and %d", n1, r1, n0, r0)
			}
		})
	}
}

// TestAssessmentFlagsInTheDemo: the demo raises assessment_overdue for
// Ethan (last reviewed in March) and assessment_due for Skye (never
// assessed).
func TestAssessmentFlagsInTheDemo(t *testing.T) {
	c := demoClient(t)
	for child, want := range map[string]string{"ard-ethan": "assessment_overdue", "tul-skye": "assessment_due"} {
		var out struct{ Flags []struct{ Kind string } }
		res := c.do("GET", "/api/v1/children/"+child+"/flags", nil, "")
		if res.Status != http.StatusOK {
			t.Fatalf("flags of %s: %d %s", child, res.Status, res.Body)
		}
		res.decode(t, &out)
		n := 0
		for _, f := range out.Flags {
			if f.Kind == want {
				n++
			}
		}
		if n != 1 {
			t.Errorf("flags of %s: %+v, want one %s", child, out.Flags, want)
		}
	}
}
