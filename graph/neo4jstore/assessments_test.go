package neo4jstore_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// assessmentStore is the family stored without its assessments.
func assessmentStore(t *testing.T) (*neo4jstore.Store, *graph.Document, []graph.Assessment) {
	t.Helper()
	s, ctx := fresh(t)
	f := family()
	as := f.Assessments
	f.Assessments = nil
	mustImport(t, s, ctx, f)
	return s, f, as
}

func TestAssessmentCreateGetList(t *testing.T) {
	s, _, as := assessmentStore(t)
	ctx := t.Context()
	a := as[0]
	a2 := graph.Assessment{ID: "t-as2", Child: "t-ava", Date: d("2022-06-01"), Stage: graph.StageFull, Worker: "worker-a",
		Connections: []graph.AssessedConnection{{Person: "t-ben", Living: graph.KeepTogether}}}
	for _, x := range []graph.Assessment{a2, a} {
		if err := s.CreateAssessment(ctx, x); err != nil {
			t.Fatalf("CreateAssessment %s: %v", x.ID, err)
		}
	}
	got, err := s.Assessment(ctx, a.ID)
	if err != nil {
		t.Fatalf("Assessment: %v", err)
	}
	if !reflect.DeepEqual(got, a) {
		t.Errorf("Assessment: got %+v, want %+v", got, a)
	}
	list, err := s.Assessments(ctx, "t-ava")
	if err != nil {
		t.Fatalf("Assessments: %v", err)
	}
	if len(list) != 2 || list[0].ID != a.ID || list[1].ID != a2.ID {
		t.Errorf("Assessments(t-ava) = %+v, want t-as1 then t-as2 (date order)", list)
	}
	if list, err := s.Assessments(ctx, "t-ben"); err != nil || len(list) != 0 {
		t.Errorf("Assessments(t-ben) = %v, %v; want none", list, err)
	}
	// The network of a date holds the child's assessments made by then.
	n, err := s.Network(ctx, "t-ava", d("2022-03-01"))
	if err != nil {
		t.Fatalf("Network: %v", err)
	}
	if len(n.Assessments) != 1 || !reflect.DeepEqual(n.Assessments[0], a) {
		t.Errorf("Network(2022-03-01).Assessments = %+v, want t-as1 only", n.Assessments)
	}
	if _, err := s.Assessment(ctx, "nobody"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Assessment(nobody): got %v, want ErrNotFound", err)
	}
	if err := s.CreateAssessment(ctx, a); !errors.Is(err, graph.ErrConflict) {
		t.Errorf("duplicate CreateAssessment: got %v, want ErrConflict", err)
	}
}

// TestAssessmentBadInputWritesNothing: each bad assessment is refused
// naming the field, and nothing is stored.
func TestAssessmentBadInputWritesNothing(t *testing.T) {
	s, _, as := assessmentStore(t)
	ctx := t.Context()
	for _, tc := range []struct {
		name, field string
		kind        error
		edit        func(*graph.Assessment)
	}{
		{"in the future", "date", graph.ErrInvalid, func(a *graph.Assessment) { a.Date = graph.Today().AddDays(1) }},
		{"unknown stage", "stage", graph.ErrInvalid, func(a *graph.Assessment) { a.Stage = "final" }},
		{"apart without reason", "connections[0].reason", graph.ErrInvalid, func(a *graph.Assessment) { a.Connections[0].Reason = "" }},
		{"unknown child", "child", graph.ErrNotFound, func(a *graph.Assessment) { a.Child = "t-nobody" }},
		{"unknown person", "connections[1].person", graph.ErrNotFound, func(a *graph.Assessment) { a.Connections[1].Person = "t-nobody" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := as[0]
			a.Connections = append([]graph.AssessedConnection(nil), a.Connections...)
			tc.edit(&a)
			err := s.CreateAssessment(ctx, a)
			if !errors.Is(err, tc.kind) || len(graph.Fields(err)) != 1 || graph.Fields(err)[0].Field != tc.field {
				t.Errorf("CreateAssessment: got %v, want %v naming %s", err, tc.kind, tc.field)
			}
			if _, err := s.Assessment(ctx, a.ID); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("after a refused create: Assessment = %v, want ErrNotFound", err)
			}
		})
	}
}

// TestAssessmentScope: a worker records assessments of the children on
// their caseload only; the write is audited in its own transaction.
func TestAssessmentScope(t *testing.T) {
	s, _, as := assessmentStore(t)
	ctx := t.Context()
	other := graph.WithWriteScope(ctx, graph.WriteScope{Children: []graph.ID{"t-ben"}})
	if err := s.CreateAssessment(other, as[0]); err == nil {
		t.Fatalf("CreateAssessment by t-ben's worker of t-ava: nil error, want a refusal")
	}
	if _, err := s.Assessment(ctx, as[0].ID); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("after a refused create: Assessment = %v, want ErrNotFound", err)
	}
	a := &graph.ChangeAudit{Event: func() graph.AuditEvent { return changeEvent("ae-assess") }}
	mine := graph.WithChangeAudit(graph.WithWriteScope(ctx, graph.WriteScope{Children: []graph.ID{"t-ava"}}), a)
	if err := s.CreateAssessment(mine, as[0]); err != nil {
		t.Fatalf("CreateAssessment by t-ava's worker: %v", err)
	}
	if got := eventsOf(t, s, ctx, "worker-tx"); len(got) != 1 || got[0].ID != "ae-assess" {
		t.Errorf("audit events = %+v, want ae-assess", got)
	}
	for kids, want := range map[string]bool{"t-ava": true, "t-ben": false} {
		ok, err := s.InScope(ctx, []graph.ID{kids}, as[0].ID, neo4jstore.KindAssessment, graph.Date{})
		if err != nil || ok != want {
			t.Errorf("InScope(%s, assessment) = %v, %v; want %v", kids, ok, err, want)
		}
	}
}

// TestImportRefusesAssessmentOfAnotherChild: a stored assessment id
// cannot be imported again for another child.
func TestImportRefusesAssessmentOfAnotherChild(t *testing.T) {
	s, ctx := fresh(t)
	f := family()
	mustImport(t, s, ctx, f)
	f.Assessments[0].Child = "t-ben"
	f.Assessments[0].Connections = f.Assessments[0].Connections[1:]
	_, err := s.Import(ctx, f)
	if !errors.Is(err, graph.ErrConflict) || graph.Fields(err)[0].Field != "assessments[0].id" {
		t.Errorf("Import: got %v, want ErrConflict on assessments[0].id", err)
	}
	if got, _ := s.Assessment(ctx, "t-as1"); got.Child != "t-ava" {
		t.Errorf("after the refused import the assessment is of %q, want t-ava", got.Child)
	}
}
