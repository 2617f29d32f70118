package graph

import "slices"

// ActionOwner is who owns a plan action.
type ActionOwner string

// Plan action owners.
const (
	OwnerWorker           ActionOwner = "worker"
	OwnerCarer            ActionOwner = "carer"
	OwnerReviewingOfficer ActionOwner = "reviewing_officer"
)

// ActionOwners lists every owner.
var ActionOwners = []ActionOwner{OwnerWorker, OwnerCarer, OwnerReviewingOfficer}

// Valid reports whether o is a known owner.
func (o ActionOwner) Valid() bool { return slices.Contains(ActionOwners, o) }

// ActionStatus is where a plan action stands.
type ActionStatus string

// Plan action statuses.
const (
	ActionPlanned ActionStatus = "planned"
	ActionDone    ActionStatus = "done"
	ActionNotDone ActionStatus = "not_done"
)

// ActionStatuses lists every status.
var ActionStatuses = []ActionStatus{ActionPlanned, ActionDone, ActionNotDone}

// Valid reports whether s is a known status.
func (s ActionStatus) Valid() bool { return slices.Contains(ActionStatuses, s) }

// PlanAction is one action of a child's plan to keep a connection: what
// will be done ("arrange monthly Saturday contact with Amy at the family
// centre"), who owns it, when it was made and is due, and where it
// stands (planned, done, or not done with the reason) since when.
type PlanAction struct {
	ID    ID `json:"id"`
	Child ID `json:"child"`
	// Person is the connection the action keeps, usually; "" for one
	// about the plan as a whole.
	Person ID          `json:"person,omitempty"`
	What   string      `json:"what"`
	Owner  ActionOwner `json:"owner"`
	// OwnerName names the owner ("worker-a", "Mrs Oak"): professional
	// output only.
	OwnerName string       `json:"owner_name,omitempty"`
	Made      Date         `json:"made"`
	Due       Date         `json:"due"`
	Status    ActionStatus `json:"status"`
	Reason    string       `json:"reason,omitempty"` // why not done: required with not_done
	// StatusChanged is the day the status last changed; with status
	// planned it may be left out (the day it was made).
	StatusChanged Date `json:"status_changed,omitzero"`
	// ChildWords is how the child put it, for My Connections Plan ("see
	// Amy every month at the family centre").
	ChildWords string `json:"child_words,omitempty"`
}

// Validate checks a plan action on its own (not that the ids exist).
func (a PlanAction) Validate() error { return a.validateOn(Today()) }

func (a PlanAction) validateOn(today Date) error {
	var probs Problems
	checkID(&probs, "id", a.ID)
	checkRef(&probs, "child", a.Child)
	if a.Person != "" {
		checkRef(&probs, "person", a.Person)
		if a.Person == a.Child {
			probs.add("person", "must differ from child: the action keeps one of the child's connections")
		}
	}
	checkText(&probs, "what", a.What, MaxNotesLen, true)
	switch {
	case a.Owner == "":
		probs.add("owner", "is required")
	case !a.Owner.Valid():
		probs.add("owner", "must be one of worker, carer, reviewing_officer")
	}
	checkLine(&probs, "owner_name", a.OwnerName, MaxNameLen, false)
	switch {
	case a.Made.IsZero():
		probs.add("made", "is required")
	case a.Made.After(today):
		probs.add("made", "must not be in the future (today is "+today.String()+")")
	}
	switch {
	case a.Due.IsZero():
		probs.add("due", "is required")
	case !a.Made.IsZero() && a.Due.Before(a.Made):
		probs.add("due", "must not be before made ("+a.Made.String()+")")
	}
	switch {
	case a.Status == "":
		probs.add("status", "is required")
	case !a.Status.Valid():
		probs.add("status", "must be one of planned, done, not_done")
	}
	switch {
	case a.Status == ActionNotDone && a.Reason == "":
		probs.add("reason", "is required when status is not_done")
	case a.Status != ActionNotDone && a.Reason != "":
		probs.add("reason", "is only allowed when status is not_done")
	}
	checkText(&probs, "reason", a.Reason, MaxNotesLen, false)
	switch {
	case a.StatusChanged.IsZero() && (a.Status == ActionDone || a.Status == ActionNotDone):
		probs.add("status_changed", "is required when status is done or not_done")
	case a.StatusChanged.IsZero():
	case !a.Made.IsZero() && a.StatusChanged.Before(a.Made):
		probs.add("status_changed", "must not be before made ("+a.Made.String()+")")
	case a.StatusChanged.After(today):
		probs.add("status_changed", "must not be in the future (today is "+today.String()+")")
	}
	checkText(&probs, "child_words", a.ChildWords, MaxWordsLen, false)
	return probs.Err()
}

// OpenOn reports whether the action was made by day and still planned on
// it: planned now, or done or not done only after day.
func (a PlanAction) OpenOn(day Date) bool {
	if a.Made.IsZero() || a.Made.After(day) {
		return false
	}
	return a.Status == ActionPlanned || a.StatusChanged.After(day)
}

// OverdueOn reports whether the action is open on day and its due date
// has passed.
func (a PlanAction) OverdueOn(day Date) bool { return a.OpenOn(day) && a.Due.Before(day) }
