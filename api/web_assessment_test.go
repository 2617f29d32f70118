package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestWebAssessmentAndPlanForms: the forms save through the API's path,
// show errors next to the field and write nothing on bad input; the
// child's page shows the latest assessment and My Connections Plan the
// open actions in the child's words.
func TestWebAssessmentAndPlanForms(t *testing.T) {
	b, _ := webApp(t, true)
	b.signIn("worker-a")
	if p := b.get("/children/ard-kieran"); !strings.Contains(p.body, "last family connections assessment: review, 15 August 2026") {
		t.Errorf("child page: no latest assessment\n%.1500s", p.body)
	}
	n0, r0 := neo4jtest.Counts(t)
	tok := b.csrf("/children/ard-kieran/assessments/new")
	p := b.post("/children/ard-kieran/assessments", url.Values{"csrf": {tok}, "date": {"2099-01-01"}, "stage": {"review"},
		"worker": {"worker-a"}, "person": {"ard-amy"}, "living": {"live_apart"}})
	if p.status != http.StatusBadRequest || !strings.Contains(p.body, `id="f-date-error"`) || !strings.Contains(p.body, `id="f-reason-error"`) {
		t.Errorf("assessment in the future, apart with no reason: got %d, want 400 with errors by date and reason\n%.2000s", p.status, p.body)
	}
	tok = b.csrf("/children/ard-kieran/plan-actions/new")
	p = b.post("/children/ard-kieran/plan-actions", url.Values{"csrf": {tok}, "person": {"ard-lily"}, "what": {"call Lily"},
		"owner": {"carer"}, "due": {"2026-01-01"}})
	if p.status != http.StatusBadRequest || !strings.Contains(p.body, `id="f-due-error"`) {
		t.Errorf("action due before it was made: got %d, want 400 with the error by due\n%.2000s", p.status, p.body)
	}
	if n1, r1 := neo4jtest.Counts(t); n1 != n0 || r1 != r0 {
		t.Errorf("bad forms wrote: %d/%d nodes, %d/%d rels", n0, n1, r0, r1)
	}
	tok = b.csrf("/children/ard-kieran/assessments/new")
	if p := b.post("/children/ard-kieran/assessments", url.Values{"csrf": {tok}, "date": {"2026-10-20"}, "stage": {"review"},
		"worker": {"worker-a"}, "contributors": {"Kieran\nfoster carer"}, "person": {"ard-amy"}, "living": {"keep_together"}}); p.status != http.StatusSeeOther {
		t.Errorf("assessment: got %d, want 303\n%.2000s", p.status, p.body)
	}
	tok = b.csrf("/children/ard-kieran/plan-actions/new")
	if p := b.post("/children/ard-kieran/plan-actions", url.Values{"csrf": {tok}, "person": {"ard-lily"}, "what": {"arrange a call with Lily"},
		"owner": {"carer"}, "due": {"2026-12-20"}, "child_words": {"phone Lily at Christmas"}}); p.status != http.StatusSeeOther {
		t.Errorf("plan action: got %d, want 303\n%.2000s", p.status, p.body)
	}
	if p := b.get("/children/ard-kieran"); !strings.Contains(p.body, "review, 20 October 2026") {
		t.Errorf("child page: the new assessment is not the latest")
	}
	plan := b.get("/children/ard-kieran/plan")
	if !strings.Contains(plan.body, "phone Lily at Christmas") || !strings.Contains(plan.body, "video call Amy every month") ||
		strings.Contains(plan.body, "arrange a call with Lily") {
		t.Errorf("My Connections Plan: want the child's words, never the action's own text\n%.3000s", plan.body)
	}
}
