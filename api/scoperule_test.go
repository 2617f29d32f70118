package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// TestLinksDoNotWidenScope: worker-a holds Finn; Mia (another worker's
// child) is two hops from Finn through their mother, her kinship carer
// Claire is not. A friend link Finn -> Mia would bring Claire (and her
// home) into worker-a's scope: it is refused, 404 naming the field, with
// who can record it, and nothing is written.
func TestLinksDoNotWidenScope(t *testing.T) {
	c := demoClient(t)
	worker := c.as(matrixWorker)
	if res := worker.do("GET", "/api/v1/people/gar-claire", nil, ""); res.Status != http.StatusNotFound {
		t.Fatalf("before: gar-claire answered %d, want 404", res.Status)
	}
	res := worker.do("POST", "/api/v1/relationships", `{"id":"widen-rel","from":"gar-finn","to":"gar-mia","kind":"friend"}`, "")
	var body struct {
		Error struct {
			Message string
			Fields  []struct{ Field, Message string }
		}
	}
	res.decode(t, &body)
	if res.Status != http.StatusNotFound || len(body.Error.Fields) != 1 || body.Error.Fields[0].Field != "to" ||
		!strings.Contains(body.Error.Fields[0].Message, "worker") || !strings.Contains(body.Error.Fields[0].Message, "manager") {
		t.Errorf("friend link into another caseload: got %d %s, want 404 naming to, saying who can record it", res.Status, res.Body)
	}
	if res := worker.do("GET", "/api/v1/people/gar-claire", nil, ""); res.Status != http.StatusNotFound {
		t.Errorf("after: gar-claire answered %d, want 404", res.Status)
	}
	if res := c.do("GET", "/api/v1/relationships/widen-rel", nil, ""); res.Status != http.StatusNotFound {
		t.Errorf("the refused relationship was written: %d", res.Status)
	}
	// The same the other way round names from.
	res = worker.do("POST", "/api/v1/relationships", `{"from":"gar-mia","to":"gar-finn","kind":"friend"}`, "")
	if res.Status != http.StatusNotFound || !strings.Contains(string(res.Body), `"field":"from"`) {
		t.Errorf("reversed link: got %d %s, want 404 naming from", res.Status, res.Body)
	}
	// The refusal is audited as denied.
	var trail struct{ Items []graph.AuditEvent }
	c.as(admin).do("GET", "/api/v1/audit?user=worker-a", nil, "").decode(t, &trail)
	denied := 0
	for _, e := range trail.Items {
		if e.Action == "create_relationship" && e.Outcome == graph.OutcomeDenied && e.Status == http.StatusNotFound {
			denied++
		}
	}
	if denied != 2 {
		t.Errorf("audit: %d denied create_relationship events, want 2", denied)
	}
	// Mia's own worker's manager may record it.
	if res := c.do("POST", "/api/v1/relationships", `{"from":"gar-finn","to":"gar-mia","kind":"sibling","sibling_type":"half"}`, ""); res.Status != http.StatusCreated {
		t.Errorf("manager of both: got %d %s, want 201", res.Status, res.Body)
	}
}

// TestWhatIsCreatedCanBeRead: a worker reads back the household and the
// person they made before linking them; a contact between people in two
// different children's networks, which no one child's network would
// hold, is refused rather than made unreadable.
func TestWhatIsCreatedCanBeRead(t *testing.T) {
	c := demoClient(t)
	worker := c.as(matrixWorker)
	for _, tt := range []struct{ post, body, get string }{
		{"/api/v1/households", `{"id":"cr-h","kind":"kinship"}`, "/api/v1/households/cr-h"},
		{"/api/v1/people", `{"id":"cr-p","full_name":"Cal Created"}`, "/api/v1/people/cr-p"},
	} {
		if res := worker.do("POST", tt.post, tt.body, ""); res.Status != http.StatusCreated {
			t.Fatalf("POST %s: %d %s", tt.post, res.Status, res.Body)
		}
		if res := worker.do("GET", tt.get, nil, ""); res.Status != http.StatusOK {
			t.Errorf("GET %s after creating it: %d, want 200", tt.get, res.Status)
		}
	}
	// Ardvane's Kieran and Garvock's Finn are both worker-a's; their
	// networks do not meet.
	res := worker.do("POST", "/api/v1/contacts", `{"id":"cr-c","from":"ard-kieran","to":"gar-finn","date":"2026-10-30","kind":"call"}`, "")
	if res.Status == http.StatusCreated {
		if got := worker.do("GET", "/api/v1/contacts/cr-c", nil, ""); got.Status != http.StatusOK {
			t.Errorf("a contact the worker made answers %d to them", got.Status)
		}
	}
	res = worker.do("POST", "/api/v1/contacts", `{"id":"cr-c2","from":"ard-leanne","to":"gar-stacey","date":"2026-10-30","kind":"call"}`, "")
	if res.Status == http.StatusCreated {
		if got := worker.do("GET", "/api/v1/contacts/cr-c2", nil, ""); got.Status != http.StatusOK {
			t.Errorf("a contact the worker made answers %d to them", got.Status)
		}
	} else if res.Status != http.StatusNotFound {
		t.Errorf("contact between two networks: %d %s", res.Status, res.Body)
	}
}
