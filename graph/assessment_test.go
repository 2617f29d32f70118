package graph

import (
	"strings"
	"testing"
)

func validAssessment() Assessment {
	return Assessment{ID: "as-1", Child: "p-amy", Date: MustDate("2026-01-10"), Stage: StageInitial, Worker: "worker-a",
		Contributors: []string{"Amy", "foster carer"},
		Connections: []AssessedConnection{
			{Person: "p-jo", Living: LiveApart, Reason: "not safe together",
				Contact: &Arrangement{Mode: ContactDirect, Frequency: FreqMonthly, Supervised: true}},
			{Person: "p-gran", Living: KeepTogether}}}
}

func TestAssessmentValidate(t *testing.T) {
	today := MustDate("2026-02-01")
	if err := validAssessment().validateOn(today); err != nil {
		t.Fatalf("valid assessment: %v", err)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*Assessment)
		field string
	}{
		{"no id", func(a *Assessment) { a.ID = "" }, "id"},
		{"no child", func(a *Assessment) { a.Child = "" }, "child"},
		{"no date", func(a *Assessment) { a.Date = Date{} }, "date"},
		{"in the future", func(a *Assessment) { a.Date = today.AddDays(1) }, "date"},
		{"no stage", func(a *Assessment) { a.Stage = "" }, "stage"},
		{"unknown stage", func(a *Assessment) { a.Stage = "final" }, "stage"},
		{"no worker", func(a *Assessment) { a.Worker = " " }, "worker"},
		{"contributor with a control character", func(a *Assessment) { a.Contributors[0] = "A\x1bmy" }, "contributors[0]"},
		{"connection to the child", func(a *Assessment) { a.Connections[1].Person = "p-amy" }, "connections[1].person"},
		{"connection twice", func(a *Assessment) { a.Connections[1].Person = "p-jo" }, "connections[1].person"},
		{"unknown living", func(a *Assessment) { a.Connections[1].Living = "sometimes" }, "connections[1].living"},
		{"apart without reason", func(a *Assessment) { a.Connections[0].Reason = "" }, "connections[0].reason"},
		{"reason when together", func(a *Assessment) { a.Connections[1].Reason = "x" }, "connections[1].reason"},
		{"empty connection", func(a *Assessment) { a.Connections[1].Living = "" }, "connections[1]"},
		{"unknown frequency", func(a *Assessment) { a.Connections[0].Contact.Frequency = "daily" }, "connections[0].contact.frequency"},
		{"notes too long", func(a *Assessment) { a.Notes = strings.Repeat("x", MaxNotesLen+1) }, "notes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := validAssessment()
			tc.edit(&a)
			err := a.validateOn(today)
			fs := Fields(err)
			if len(fs) != 1 || fs[0].Field != tc.field {
				t.Errorf("got %v, want one problem on %s", err, tc.field)
			}
		})
	}
}

func TestDocumentValidatesAssessmentRefs(t *testing.T) {
	a := validAssessment()
	a.Date = MustDate("2020-01-01")
	d := Document{Format: Format, Records: Records{People: []Person{{ID: "p-amy", FullName: "Amy"}, {ID: "p-jo", FullName: "Jo"}},
		Assessments: []Assessment{a}}}
	fs := Fields(d.Validate(nil))
	if len(fs) != 1 || fs[0].Field != "assessments[0].connections[1].person" {
		t.Errorf("Validate: got %v, want one problem on assessments[0].connections[1].person", fs)
	}
}

func TestLatestAssessment(t *testing.T) {
	as := []Assessment{
		{ID: "a1", Child: "c", Date: MustDate("2025-01-01")},
		{ID: "a3", Child: "c", Date: MustDate("2025-06-01")},
		{ID: "a2", Child: "c", Date: MustDate("2025-06-01")},
		{ID: "b1", Child: "other", Date: MustDate("2025-09-01")},
	}
	for asOf, want := range map[string]string{"2024-12-31": "", "2025-03-01": "a1", "2025-07-01": "a3"} {
		got := LatestAssessment(as, "c", MustDate(asOf))
		switch {
		case want == "" && got != nil, want != "" && (got == nil || got.ID != want):
			t.Errorf("LatestAssessment as of %s = %v, want %q", asOf, got, want)
		}
	}
}
