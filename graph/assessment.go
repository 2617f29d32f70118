package graph

import (
	"slices"
	"strconv"
)

// AssessmentStage is the stage of a Family Connections Assessment.
type AssessmentStage string

// Assessment stages: a quick first stage within the first weeks of
// becoming looked after, a fuller one later, and the revisit at a review.
const (
	StageInitial AssessmentStage = "initial"
	StageFull    AssessmentStage = "full"
	StageReview  AssessmentStage = "review"
)

// AssessmentStages lists every stage, in order.
var AssessmentStages = []AssessmentStage{StageInitial, StageFull, StageReview}

// Valid reports whether s is a known stage.
func (s AssessmentStage) Valid() bool { return slices.Contains(AssessmentStages, s) }

// AssessedLiving is an assessment's view of where two people should live.
type AssessedLiving string

// Assessed living views.
const (
	KeepTogether AssessedLiving = "keep_together"
	LiveApart    AssessedLiving = "live_apart"
)

// AssessedLivings lists every living view.
var AssessedLivings = []AssessedLiving{KeepTogether, LiveApart}

// Valid reports whether l is a known living view.
func (l AssessedLiving) Valid() bool { return slices.Contains(AssessedLivings, l) }

// Assessment is a Family Connections Assessment of a child on a date: its
// stage, the worker who made it, who contributed, and per connection the
// assessed view.
type Assessment struct {
	ID     ID              `json:"id"`
	Child  ID              `json:"child"`
	Date   Date            `json:"date"`
	Stage  AssessmentStage `json:"stage"`
	Worker string          `json:"worker"` // user name of the worker, as in Assignment.Worker
	// Contributors says who took part ("Amy (sister)", "foster carer"):
	// free text, professional output only.
	Contributors []string             `json:"contributors,omitempty"`
	Connections  []AssessedConnection `json:"connections,omitempty"`
	Notes        string               `json:"notes,omitempty"`
}

// AssessedConnection is an assessment's view of the child's connection
// with one person: keep together or live apart (with the reason), and the
// contact recommended and how often.
type AssessedConnection struct {
	Person  ID             `json:"person"`
	Living  AssessedLiving `json:"living,omitempty"`
	Reason  string         `json:"reason,omitempty"` // why apart: required with live_apart
	Contact *Arrangement   `json:"contact,omitempty"`
}

// MaxContributors bounds an assessment's contributors.
const MaxContributors = 50

// Validate checks an assessment on its own (not that the ids exist): the
// date is required and not after today, the stage is known, each
// connection names a person other than the child, once.
func (a Assessment) Validate() error { return a.validateOn(Today()) }

func (a Assessment) validateOn(today Date) error {
	var probs Problems
	checkID(&probs, "id", a.ID)
	checkRef(&probs, "child", a.Child)
	switch {
	case a.Date.IsZero():
		probs.add("date", "is required")
	case a.Date.After(today):
		probs.add("date", "must not be in the future (today is "+today.String()+")")
	}
	switch {
	case a.Stage == "":
		probs.add("stage", "is required")
	case !a.Stage.Valid():
		probs.add("stage", "must be one of initial, full, review")
	}
	checkLine(&probs, "worker", a.Worker, MaxNameLen, true)
	if len(a.Contributors) > MaxContributors {
		probs.add("contributors", "has more than "+strconv.Itoa(MaxContributors)+" entries")
	}
	for i, c := range a.Contributors {
		checkLine(&probs, "contributors["+strconv.Itoa(i)+"]", c, MaxNameLen, true)
	}
	seen := map[ID]bool{}
	for i, c := range a.Connections {
		at := "connections[" + strconv.Itoa(i) + "]"
		checkRef(&probs, at+".person", c.Person)
		switch {
		case c.Person != "" && c.Person == a.Child:
			probs.add(at+".person", "must differ from child: an assessment is of the child's connections")
		case c.Person != "" && seen[c.Person]:
			probs.add(at+".person", "is assessed twice: one entry per person")
		}
		seen[c.Person] = true
		if c.Living != "" && !c.Living.Valid() {
			probs.add(at+".living", "must be one of keep_together, live_apart")
		}
		switch {
		case c.Living == LiveApart && c.Reason == "":
			probs.add(at+".reason", "is required when living is live_apart")
		case c.Living != LiveApart && c.Reason != "":
			probs.add(at+".reason", "is only allowed when living is live_apart")
		}
		checkText(&probs, at+".reason", c.Reason, MaxNotesLen, false)
		if c.Living == "" && c.Contact == nil {
			probs.add(at, "must give living or contact (or be left out)")
		}
		c.Contact.validate(&probs, at+".contact")
	}
	checkText(&probs, "notes", a.Notes, MaxNotesLen, false)
	return probs.Err()
}

// Of returns the assessed view of the connection with person, or nil.
func (a Assessment) Of(person ID) *AssessedConnection {
	for i := range a.Connections {
		if a.Connections[i].Person == person {
			return &a.Connections[i]
		}
	}
	return nil
}

// LatestAssessment returns the child's assessment with the latest date on
// or before asOf (ties: the greatest id), or nil.
func LatestAssessment(as []Assessment, child ID, asOf Date) *Assessment {
	var best *Assessment
	for i := range as {
		a := &as[i]
		if a.Child != child || a.Date.IsZero() || a.Date.After(asOf) {
			continue
		}
		if best == nil || a.Date.After(best.Date) || (a.Date.Equal(best.Date) && a.ID > best.ID) {
			best = a
		}
	}
	return best
}
