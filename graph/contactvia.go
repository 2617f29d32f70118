package graph

import "strconv"

// checkVia checks the person a contact arrangement goes through, in the
// current details and in every version of the history: a valid id, not
// one of the two ends, and no go-between for "no contact". That the
// person exists is checked against the document or the store.
func (r Relationship) checkVia(p *Problems) {
	check := func(field string, a *Arrangement) {
		if a == nil || a.Via == "" {
			return
		}
		switch {
		case !ValidID(a.Via):
			p.add(field, "is not a valid id")
		case a.Via == r.From || a.Via == r.To:
			p.add(field, "must name someone other than from and to: the person or service the contact goes through")
		case a.Mode == ContactNone:
			p.add(field, "must be empty when mode is none")
		}
	}
	check("contact.via", r.Contact)
	for i, v := range r.History {
		check("history["+strconv.Itoa(i)+"].contact.via", v.Contact)
	}
}

// ContactVia returns the person the relationship's current contact
// arrangement goes through, or "".
func (r Relationship) ContactVia() ID {
	if r.Contact == nil {
		return ""
	}
	return r.Contact.Via
}
