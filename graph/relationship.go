package graph

import "strconv"

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
	// Said holds the views given by the two people (views.go).
	Said  []Said `json:"said,omitempty"`
	Notes string `json:"notes,omitempty"`
	// History is how the details above (views, contact, restriction,
	// separation) stood before they last changed, oldest first. The store
	// keeps it: an update that changes the details adds a version.
	History []Version `json:"history,omitempty"`
}

// Version is how a relationship's details stood up to and including
// Until, since the version before it (or since the relationship began).
type Version struct {
	Until       Date         `json:"until"`
	FromView    *View        `json:"from_view,omitempty"`
	ToView      *View        `json:"to_view,omitempty"`
	Contact     *Arrangement `json:"contact,omitempty"`
	Restriction *Restriction `json:"restriction,omitempty"`
	Separation  *Separation  `json:"separation,omitempty"`
	Said        []Said       `json:"said,omitempty"`
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
	// Via is the person or service the contact goes through (an adoption
	// agency's letterbox, a residential keyworker), when it is not direct
	// between the two: a person id, neither of the two ends.
	Via ID `json:"via,omitempty"`
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

// Details returns the relationship's current details as a version that
// held until the given day.
func (r Relationship) Details(until Date) Version {
	return Version{Until: until, FromView: r.FromView, ToView: r.ToView, Contact: r.Contact,
		Restriction: r.Restriction, Separation: r.Separation, Said: r.Said}
}

// AsOf returns the relationship with the details that held on d (the
// first version of History whose Until is not before d, else the current
// ones) and no History: the relationship in a snapshot as of d.
func (r Relationship) AsOf(d Date) Relationship {
	out := r
	out.History = nil
	for _, v := range r.History {
		if !v.Until.Before(d) {
			out.FromView, out.ToView, out.Contact, out.Restriction, out.Separation, out.Said =
				v.FromView, v.ToView, v.Contact, v.Restriction, v.Separation, v.Said
			break
		}
	}
	return out
}

// SameDetails reports whether v and w hold the same details (Until aside).
func (v Version) SameDetails(w Version) bool {
	return sameView(v.FromView, w.FromView) && sameView(v.ToView, w.ToView) &&
		same(v.Contact, w.Contact, func(a, b Arrangement) bool { return a == b }) &&
		same(v.Restriction, w.Restriction, func(a, b Restriction) bool {
			return a.Kind == b.Kind && a.Basis == b.Basis && a.Reason == b.Reason && a.Since.Equal(b.Since)
		}) &&
		same(v.Separation, w.Separation, func(a, b Separation) bool {
			return a.Reason == b.Reason && a.Detail == b.Detail && a.Decided.Equal(b.Decided)
		}) && sameSaid(v.Said, w.Said)
}

func sameView(a, b *View) bool { return same(a, b, func(x, y View) bool { return x == y }) }

// same compares two optional values: both absent, or both present and eq.
func same[T any](a, b *T, eq func(T, T) bool) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return eq(*a, *b)
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
		probs.add("kind", "must be one of sibling, parent, grandparent, other_kin, kinship_carer, foster_carer, residential_carer, friend, professional, other, partner")
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
	r.Details(Date{}).validate(&probs, "", r.Kind)
	validateSaid(&probs, "", r.Said, r.From, r.To)
	for i, v := range r.History {
		at := "history[" + strconv.Itoa(i) + "]"
		prev := "history[" + strconv.Itoa(i-1) + "].until"
		switch {
		case v.Until.IsZero():
			probs.add(at+".until", "is required: the last day these details held")
		case !r.Since.IsZero() && v.Until.Before(r.Since):
			probs.add(at+".until", "must not be before since")
		case i > 0 && !r.History[i-1].Until.IsZero() && !v.Until.After(r.History[i-1].Until):
			probs.add(at+".until", "must be after "+prev+": history runs oldest first")
		}
		v.validate(&probs, at+".", r.Kind)
		validateSaid(&probs, at+".", v.Said, r.From, r.To)
	}
	r.checkVia(&probs)
	checkText(&probs, "notes", r.Notes, MaxNotesLen, false)
	return probs.Err()
}

// validate checks the details of a version (its Until aside) of a
// relationship of kind k; prefix is "" or "history[i].".
func (v Version) validate(p *Problems, prefix string, k RelKind) {
	v.FromView.validate(p, prefix+"from_view")
	v.ToView.validate(p, prefix+"to_view")
	v.Contact.validate(p, prefix+"contact")
	v.Restriction.validate(p, prefix+"restriction")
	if v.Separation != nil {
		if k != RelSibling {
			p.add(prefix+"separation", "is only allowed on a sibling relationship")
		}
		v.Separation.validate(p, prefix+"separation")
	}
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
