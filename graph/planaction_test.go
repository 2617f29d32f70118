package graph

import "testing"

func validAction() PlanAction {
	return PlanAction{ID: "pa-1", Child: "p-amy", Person: "p-jo", What: "arrange monthly Saturday contact with Jo at the family centre",
		Owner: OwnerWorker, OwnerName: "worker-a", Made: MustDate("2026-01-10"), Due: MustDate("2026-02-01"), Status: ActionPlanned}
}

func TestPlanActionValidate(t *testing.T) {
	today := MustDate("2026-03-01")
	if err := validAction().validateOn(today); err != nil {
		t.Fatalf("valid action: %v", err)
	}
	done := validAction()
	done.Status, done.StatusChanged = ActionDone, MustDate("2026-01-31")
	if err := done.validateOn(today); err != nil {
		t.Fatalf("valid done action: %v", err)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*PlanAction)
		field string
	}{
		{"no child", func(a *PlanAction) { a.Child = "" }, "child"},
		{"the child as the connection", func(a *PlanAction) { a.Person = "p-amy" }, "person"},
		{"no what", func(a *PlanAction) { a.What = "  " }, "what"},
		{"unknown owner", func(a *PlanAction) { a.Owner = "gran" }, "owner"},
		{"no made", func(a *PlanAction) { a.Made = Date{} }, "made"},
		{"made in the future", func(a *PlanAction) { a.Made, a.Due = today.AddDays(1), today.AddDays(9) }, "made"},
		{"no due", func(a *PlanAction) { a.Due = Date{} }, "due"},
		{"due before it was made", func(a *PlanAction) { a.Due = MustDate("2026-01-09") }, "due"},
		{"unknown status", func(a *PlanAction) { a.Status = "maybe" }, "status"},
		{"not done without reason", func(a *PlanAction) { a.Status, a.StatusChanged = ActionNotDone, MustDate("2026-02-02") }, "reason"},
		{"reason when planned", func(a *PlanAction) { a.Reason = "x" }, "reason"},
		{"done without a date", func(a *PlanAction) { a.Status = ActionDone }, "status_changed"},
		{"changed before made", func(a *PlanAction) { a.StatusChanged = MustDate("2026-01-01") }, "status_changed"},
		{"changed in the future", func(a *PlanAction) { a.StatusChanged = today.AddDays(1) }, "status_changed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := validAction()
			tc.edit(&a)
			fs := Fields(a.validateOn(today))
			if len(fs) != 1 || fs[0].Field != tc.field {
				t.Errorf("got %v, want one problem on %s", fs, tc.field)
			}
		})
	}
}

func TestPlanActionOpenAndOverdue(t *testing.T) {
	a := validAction() // made 2026-01-10, due 2026-02-01
	for day, want := range map[string][2]bool{
		"2026-01-09": {false, false}, // not made yet
		"2026-02-01": {true, false},  // due today: not overdue
		"2026-02-02": {true, true},
	} {
		d := MustDate(day)
		if got := [2]bool{a.OpenOn(d), a.OverdueOn(d)}; got != want {
			t.Errorf("planned on %s: open, overdue = %v, want %v", day, got, want)
		}
	}
	a.Status, a.StatusChanged = ActionDone, MustDate("2026-02-10")
	if !a.OverdueOn(MustDate("2026-02-05")) || a.OpenOn(MustDate("2026-02-10")) {
		t.Errorf("done on 2026-02-10: want overdue on 5 February and closed from the 10th")
	}
}
