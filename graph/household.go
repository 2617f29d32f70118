package graph

// Household is a home people live in: a birth family home, a kinship,
// foster, residential or adoptive placement, and so on.
type Household struct {
	ID       ID            `json:"id"`
	Kind     HouseholdKind `json:"kind"`
	Name     string        `json:"name,omitempty"` // a short label, e.g. "Gran's house"
	Locality string        `json:"locality,omitempty"`
	Address  string        `json:"address,omitempty"`
	// Confidential marks an address (and locality) that must never leave
	// professionals: a foster home whose whereabouts a parent must not know.
	Confidential bool   `json:"confidential,omitempty"`
	Notes        string `json:"notes,omitempty"`
	// CouncilArea is the council area the home is in (see Councils).
	CouncilArea CouncilArea `json:"council_area,omitempty"`
}

// Validate checks a household on its own.
func (h Household) Validate() error {
	var probs Problems
	checkID(&probs, "id", h.ID)
	switch {
	case h.Kind == "":
		probs.add("kind", "is required")
	case !h.Kind.Valid():
		probs.add("kind", "must be one of birth_family, kinship, foster, residential, adoptive, supported_living, secure, other")
	}
	checkLine(&probs, "name", h.Name, MaxNameLen, false)
	checkLine(&probs, "locality", h.Locality, MaxNameLen, false)
	checkText(&probs, "address", h.Address, MaxNotesLen, false)
	checkText(&probs, "notes", h.Notes, MaxNotesLen, false)
	checkCouncil(&probs, "council_area", h.CouncilArea)
	return probs.Err()
}

// Residence records that a person lived in a household from a date until
// a date (zero Until: still living there). A placement move ends one
// residence and starts another.
type Residence struct {
	ID        ID   `json:"id"`
	Person    ID   `json:"person"`
	Household ID   `json:"household"`
	From      Date `json:"from"`
	Until     Date `json:"until,omitzero"`
}

// Span returns the period of the residence.
func (r Residence) Span() Span { return Span{Since: r.From, Until: r.Until} }

// Validate checks a residence on its own (not that the ids exist).
func (r Residence) Validate() error {
	var probs Problems
	checkID(&probs, "id", r.ID)
	checkRef(&probs, "person", r.Person)
	checkRef(&probs, "household", r.Household)
	if r.From.IsZero() {
		probs.add("from", "is required")
	}
	r.Span().validate(&probs, "from", "until")
	return probs.Err()
}

// Assignment records which worker holds which child's case.
type Assignment struct {
	ID     ID     `json:"id"`
	Worker string `json:"worker"` // the worker's user name
	Team   string `json:"team,omitempty"`
	Child  ID     `json:"child"`
	Since  Date   `json:"since,omitzero"`
	Until  Date   `json:"until,omitzero"`
}

// Validate checks an assignment on its own.
func (a Assignment) Validate() error {
	var probs Problems
	checkID(&probs, "id", a.ID)
	checkRef(&probs, "worker", a.Worker)
	checkRef(&probs, "child", a.Child)
	if a.Team != "" {
		checkRef(&probs, "team", a.Team)
	}
	Span{a.Since, a.Until}.validate(&probs, "since", "until")
	return probs.Err()
}
