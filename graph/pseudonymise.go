package graph

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// PseudonymisedFormat marks a document made by Pseudonymise. It is for
// analysis, never for import.
const PseudonymisedFormat = "kinmap/v1-pseudonymised"

// Pseudonymise returns a copy of d fit for evaluators: every id (people,
// households, records, workers) is replaced by a keyed hash (HMAC-SHA-256
// with key), so that analysts can link records across exports made with
// the same key without identifying anyone; names, dates of birth (turned
// into the age band on asOf), addresses, localities, household names and
// every free-text field are removed. Kinds, dates of events, circles,
// contact arrangements and the kinds of restriction and separation stay,
// since they are what an evaluation counts. Dates of events are coarsened
// to the first of their month: a child who has lived with their mother
// since birth would otherwise carry their date of birth in a residence.
func Pseudonymise(d *Document, key []byte, asOf Date) *Document {
	ps := pseudonymiser{mac: hmac.New(sha256.New, key)}
	out := &Document{Format: PseudonymisedFormat}
	for _, p := range d.People {
		out.People = append(out.People, Person{ID: ps.id("p", p.ID), Pet: p.Pet, AgeBand: p.Band(asOf),
			LookedAfter: p.LookedAfter, LookedAfterSince: month(p.LookedAfterSince), LookedAfterUntil: month(p.LookedAfterUntil)})
	}
	for _, h := range d.Households {
		out.Households = append(out.Households, Household{ID: ps.id("h", h.ID), Kind: h.Kind, Confidential: h.Confidential})
	}
	for _, r := range d.Residences {
		out.Residences = append(out.Residences, Residence{ID: ps.id("r", r.ID), Person: ps.id("p", r.Person),
			Household: ps.id("h", r.Household), From: month(r.From), Until: month(r.Until)})
	}
	for _, r := range d.Relationships {
		c := Relationship{ID: ps.id("rel", r.ID), From: ps.id("p", r.From), To: ps.id("p", r.To), Kind: r.Kind,
			SiblingType: r.SiblingType, Since: month(r.Since), Until: month(r.Until), Contact: r.Contact}
		if v := r.ContactVia(); v != "" { // the go-between is a person: pseudonymised like the others
			a := *r.Contact
			a.Via = ps.id("p", v)
			c.Contact = &a
		}
		if r.FromView != nil {
			c.FromView = &View{Circle: r.FromView.Circle}
		}
		if r.ToView != nil {
			c.ToView = &View{Circle: r.ToView.Circle}
		}
		if r.Restriction != nil {
			c.Restriction = &Restriction{Kind: r.Restriction.Kind, Basis: r.Restriction.Basis, Since: month(r.Restriction.Since)}
		}
		if r.Separation != nil {
			c.Separation = &Separation{Reason: r.Separation.Reason, Decided: month(r.Separation.Decided)}
		}
		out.Relationships = append(out.Relationships, c)
	}
	for _, c := range d.Contacts {
		out.Contacts = append(out.Contacts, Contact{ID: ps.id("c", c.ID), From: ps.id("p", c.From), To: ps.id("p", c.To),
			Date: month(c.Date), Kind: c.Kind})
	}
	for _, a := range d.Assignments {
		out.Assignments = append(out.Assignments, Assignment{ID: ps.id("a", a.ID), Worker: ps.id("w", a.Worker),
			Team: a.Team, Child: ps.id("p", a.Child), Since: month(a.Since), Until: month(a.Until)})
	}
	out.Sort()
	return out
}

type pseudonymiser struct {
	mac interface {
		Write([]byte) (int, error)
		Sum([]byte) []byte
		Reset()
	}
}

// id returns the pseudonym of id in namespace ns: "x" + 24 hex digits.
func (p pseudonymiser) id(ns, id ID) ID {
	p.mac.Reset()
	_, _ = p.mac.Write([]byte(ns + "\x00" + id))
	return "x" + hex.EncodeToString(p.mac.Sum(nil)[:12])
}

// month returns the first day of d's month (zero stays zero).
func month(d Date) Date {
	if d.IsZero() {
		return d
	}
	return Date{d.t.AddDate(0, 0, 1-d.t.Day())}
}
