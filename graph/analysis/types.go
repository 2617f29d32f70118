package analysis

import "github.com/kinmap/kinmap/graph"

// Severity ranks a flag.
type Severity string

// Severities, most serious first.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low" // views_not_recorded
	Info   Severity = "info"
)

// FlagKind is the stable machine name of a flag.
type FlagKind string

// Flag kinds.
const (
	SeparatedSibling  FlagKind = "separated_sibling"
	UnrecordedSibling FlagKind = "unrecorded_sibling"
	LostConnection    FlagKind = "lost_connection"
	LostAtMove        FlagKind = "lost_at_move"
	FragileConnection FlagKind = "fragile_connection"
	AssessmentDue     FlagKind = "assessment_due"      // flags_assessment.go
	AssessmentOverdue FlagKind = "assessment_overdue"  // flags_assessment.go
	PlanActionOverdue FlagKind = "plan_action_overdue" // flags_plan.go
	ViewsNotRecorded  FlagKind = "views_not_recorded"  // flags_views.go
)

// Flag is one finding about a child's connections as of a date.
type Flag struct {
	Kind     FlagKind `json:"kind"`
	Severity Severity `json:"severity"`
	// Explanation is plain language a social worker could paste into a
	// plan, naming people by display name: professional output only.
	// Maps for other audiences build their own wording from Evidence.
	Explanation string   `json:"explanation"`
	Evidence    Evidence `json:"evidence"`
}

// Evidence is what a flag rests on.
type Evidence struct {
	People        []graph.ID `json:"people,omitempty"`        // the people involved, the child first
	Households    []graph.ID `json:"households,omitempty"`    // households involved
	Relationships []graph.ID `json:"relationships,omitempty"` // relationship ids involved
	CutOff        []graph.ID `json:"cut_off,omitempty"`       // fragile_connection: who would be cut off
	Dates         []Dated    `json:"dates,omitempty"`         // dates that matter, labelled
}

// Dated is a labelled date in evidence, e.g. {"last_contact", 2024-01-31}.
type Dated struct {
	Label string     `json:"label"`
	Date  graph.Date `json:"date"`
}

// KeyPerson is an adult who matters to the child's network, by centrality.
type KeyPerson struct {
	Person      graph.ID `json:"person"`
	Rank        int      `json:"rank"`
	Betweenness float64  `json:"betweenness"`
	Degree      int      `json:"degree"`
}

// GroupStatus classifies where the looked-after members of a sibling group
// live.
type GroupStatus string

// Sibling group statuses.
const (
	Together       GroupStatus = "together"
	PartlyTogether GroupStatus = "partly_together"
	Apart          GroupStatus = "apart"
	NotApplicable  GroupStatus = "not_applicable" // fewer than two looked-after members with a recorded household
)

// SiblingGroup is a connected component over sibling relationships of
// every sub-kind.
type SiblingGroup struct {
	Members []GroupMember `json:"members"`
	Status  GroupStatus   `json:"status"`
	// Inferred lists the pairs of members who share a recorded parent but
	// have no sibling relationship recorded at the date: siblings by the
	// legal definition that the record has not set down yet. Each is also
	// an unrecorded_sibling flag until the tie is recorded.
	Inferred []InferredTie `json:"inferred,omitempty"`
}

// GroupMember is one member of a sibling group and where they live.
type GroupMember struct {
	Person      graph.ID `json:"person"`
	LookedAfter bool     `json:"looked_after"`
	Household   graph.ID `json:"household,omitempty"` // at the date; empty if unknown
	// Inferred: the member has no current sibling relationship with any
	// other member and belongs to the group only through a shared parent.
	Inferred bool `json:"inferred,omitempty"`
}

// InferredTie is a sibling tie inferred from a parent in common.
type InferredTie struct {
	Between       [2]graph.ID `json:"between"`       // the two siblings, in id order
	Parents       []graph.ID  `json:"parents"`       // the parents they share: the reason
	Relationships []graph.ID  `json:"relationships"` // the parent relationships behind it
}

// ChangeKind is how a connection changed between two dates.
type ChangeKind string

// Change kinds for a review.
const (
	Gained         ChangeKind = "gained"
	Lost           ChangeKind = "lost"            // relationship ended
	ContactDropped ChangeKind = "contact_dropped" // contact stopped or arrangement reduced
	MovedCircle    ChangeKind = "moved_circle"
	Changed        ChangeKind = "changed" // other change (restriction, arrangement)
	// Plan actions (review_plan.go): done or not done in the period, or
	// overdue at its end.
	ActionDone    ChangeKind = "action_done"
	ActionNotDone ChangeKind = "action_not_done"
	ActionOverdue ChangeKind = "action_overdue"
)

// Change is one difference between two snapshots of a child's network.
type Change struct {
	Kind         ChangeKind `json:"kind"`
	Person       graph.ID   `json:"person"`
	Relationship graph.ID   `json:"relationship,omitempty"`
	PlanAction   graph.ID   `json:"plan_action,omitempty"` // the action kinds only
	Detail       string     `json:"detail"`                // plain language, no names
}
