package graph

// Relationship is a connection between two people. For directed kinds
// (parent, grandparent, carers) From is the parent, grandparent or carer of
// To; the other kinds are mutual.
type Relationship struct {
	ID          ID          `json:"id"`
	From        ID          `json:"from"`
	To          ID          `json:"to"`
	Kind        RelKind     `json:"kind"`
	SiblingType SiblingType `json:"sibling_type,omitempty"` // only for kind sibling
	Since       Date        `json:"since,omitzero"`
	Until       Date        `json:"until,omitzero"`
	// FromView is how From sees the connection (when From is a child who
	// was asked); ToView is how To sees it.
	FromView    *View        `json:"from_view,omitempty"`
	ToView      *View        `json:"to_view,omitempty"`
	Contact     *Arrangement `json:"contact,omitempty"`
	Restriction *Restriction `json:"restriction,omitempty"`
	// Separation is the recorded reason two siblings live apart.
	Separation *Separation `json:"separation,omitempty"`
	Notes      string      `json:"notes,omitempty"`
}

// View is a child's own view of a connection: which circle of closeness
// and in their own words ("my big sister Amy").
type View struct {
	Circle Circle `json:"circle,omitempty"`
	Words  string `json:"words,omitempty"`
}

// Arrangement is the planned contact between the two people.
type Arrangement struct {
	Mode       ContactMode `json:"mode"`
	Frequency  Frequency   `json:"frequency,omitempty"`
	Supervised bool        `json:"supervised,omitempty"`
}

// Restriction limits contact by an order or an assessment.
type Restriction struct {
	Kind   RestrictionKind  `json:"kind"`
	Basis  RestrictionBasis `json:"basis"`
	Reason string           `json:"reason,omitempty"`
	Since  Date             `json:"since,omitzero"`
}

// Separation is the recorded decision that two siblings live apart.
type Separation struct {
	Reason  SeparationReason `json:"reason"`
	Detail  string           `json:"detail,omitempty"`
	Decided Date             `json:"decided,omitzero"`
}

// Span returns the period of the relationship.
func (r Relationship) Span() Span { return Span{Since: r.Since, Until: r.Until} }

// Other returns the id at the other end from id.
func (r Relationship) Other(id ID) ID {
	if r.From == id {
		return r.To
	}
	return r.From
}

// Involves reports whether id is one of the two ends.
func (r Relationship) Involves(id ID) bool { return r.From == id || r.To == id }

// ViewOf returns the view held by id, or nil.
func (r Relationship) ViewOf(id ID) *View {
	switch id {
	case r.From:
		return r.FromView
	case r.To:
		return r.ToView
	}
	return nil
}

// Restricted reports whether contact is restricted.
func (r Relationship) Restricted() bool { return r.Restriction != nil }

// Validate checks a relationship on its own (not that the ids exist).
func (r Relationship) Validate() error {
	var probs Problems
	checkID(&probs, "id", r.ID)
	checkRef(&probs, "from", r.From)
	checkRef(&probs, "to", r.To)
	if r.From != "" && r.From == r.To {
		probs.add("to", "must differ from from: a person cannot be related to themselves")
	}
	switch {
	case r.Kind == "":
		probs.add("kind", "is required")
	case !r.Kind.Valid():
		probs.add("kind", "must be one of sibling, parent, grandparent, other_kin, kinship_carer, foster_carer, residential_carer, friend, professional, other")
	}
	switch {
	case r.Kind == RelSibling && r.SiblingType == "":
		probs.add("sibling_type", "is required for a sibling: full, half, step or sibling_like")
	case r.Kind == RelSibling && !r.SiblingType.Valid():
		probs.add("sibling_type", "must be one of full, half, step, sibling_like")
	case r.Kind != RelSibling && r.SiblingType != "":
		probs.add("sibling_type", "is only allowed on a sibling relationship")
	}
	r.Span().validate(&probs, "since", "until")
	r.FromView.validate(&probs, "from_view")
	r.ToView.validate(&probs, "to_view")
	r.Contact.validate(&probs, "contact")
	r.Restriction.validate(&probs, "restriction")
	if r.Separation != nil {
		if r.Kind != RelSibling {
			probs.add("separation", "is only allowed on a sibling relationship")
		}
		r.Separation.validate(&probs, "separation")
	}
	checkText(&probs, "notes", r.Notes, MaxNotesLen, false)
	return probs.Err()
}

func (v *View) validate(p *Problems, field string) {
	if v == nil {
		return
	}
	if v.Circle == "" && v.Words == "" {
		p.add(field, "must give a circle or the child's words (or be left out)")
	}
	if v.Circle != "" && !v.Circle.Valid() {
		p.add(field+".circle", "must be one of closest, close, further")
	}
	checkText(p, field+".words", v.Words, MaxWordsLen, false)
}

func (a *Arrangement) validate(p *Problems, field string) {
	if a == nil {
		return
	}
	switch {
	case a.Mode == "":
		p.add(field+".mode", "is required")
	case !a.Mode.Valid():
		p.add(field+".mode", "must be one of direct, indirect, none")
	}
	if a.Frequency != "" && !a.Frequency.Valid() {
		p.add(field+".frequency", "must be one of weekly, fortnightly, monthly, quarterly, twice_yearly, yearly, as_agreed")
	}
	if a.Mode == ContactNone && a.Frequency != "" {
		p.add(field+".frequency", "must be empty when mode is none")
	}
	if a.Mode == ContactNone && a.Supervised {
		p.add(field+".supervised", "must be false when mode is none")
	}
}

func (r *Restriction) validate(p *Problems, field string) {
	if r == nil {
		return
	}
	switch {
	case r.Kind == "":
		p.add(field+".kind", "is required")
	case !r.Kind.Valid():
		p.add(field+".kind", "must be one of no_contact, supervised_only")
	}
	switch {
	case r.Basis == "":
		p.add(field+".basis", "is required")
	case !r.Basis.Valid():
		p.add(field+".basis", "must be one of order, assessment")
	}
	checkText(p, field+".reason", r.Reason, MaxNotesLen, false)
}

func (s *Separation) validate(p *Problems, field string) {
	switch {
	case s.Reason == "":
		p.add(field+".reason", "is required")
	case !s.Reason.Valid():
		p.add(field+".reason", "must be one of not_safe_together, no_placement_for_group, child_wish, other")
	}
	checkText(p, field+".detail", s.Detail, MaxNotesLen, false)
}

// Contact is a dated contact event between two people: a visit, a call, a
// video call, a letter. "Last contact" is derived from these.
type Contact struct {
	ID    ID          `json:"id"`
	From  ID          `json:"from"`
	To    ID          `json:"to"`
	Date  Date        `json:"date"`
	Kind  ContactKind `json:"kind"`
	Notes string      `json:"notes,omitempty"`
}

// Validate checks a contact on its own.
func (c Contact) Validate() error {
	var probs Problems
	checkID(&probs, "id", c.ID)
	checkRef(&probs, "from", c.From)
	checkRef(&probs, "to", c.To)
	if c.From != "" && c.From == c.To {
		probs.add("to", "must differ from from")
	}
	if c.Date.IsZero() {
		probs.add("date", "is required")
	}
	switch {
	case c.Kind == "":
		probs.add("kind", "is required")
	case !c.Kind.Valid():
		probs.add("kind", "must be one of visit, call, video, letter, message, other")
	}
	checkText(&probs, "notes", c.Notes, MaxNotesLen, false)
	return probs.Err()
}

// Between reports whether the contact was between a and b (either way).
func (c Contact) Between(a, b ID) bool {
	return (c.From == a && c.To == b) || (c.From == b && c.To == a)
}
