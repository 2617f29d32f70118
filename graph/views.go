package graph

import (
	"slices"
	"strconv"
)

// Said is a view of the relationship given by one of the two people in
// it, in their own words, on a date: a sibling's view of the tie (for a
// sibling pair both children are asked), a parent's or a carer's.
// Relationship.FromView and ToView stay the children's circles of
// closeness; Said records who said what and when. It is part of the
// relationship's details, so an update keeps the earlier views in
// History.
type Said struct {
	By    ID     `json:"by"`
	On    Date   `json:"on"`
	Words string `json:"words"`
}

// SaidBy reports whether id gave a view of the relationship (Said).
func (r Relationship) SaidBy(id ID) bool {
	return slices.ContainsFunc(r.Said, func(s Said) bool { return s.By == id })
}

// validateSaid checks the views of a relationship between from and to:
// each is by one of them, dated, not in the future, in words.
func validateSaid(p *Problems, prefix string, said []Said, from, to ID) {
	today := Today()
	for i, s := range said {
		at := prefix + "said[" + strconv.Itoa(i) + "]"
		switch {
		case s.By == "":
			p.add(at+".by", "is required")
		case !ValidID(s.By):
			p.add(at+".by", "is not a valid id")
		case s.By != from && s.By != to:
			p.add(at+".by", "must be one of the two people in the relationship (from or to)")
		}
		switch {
		case s.On.IsZero():
			p.add(at+".on", "is required: the day the view was given")
		case s.On.After(today):
			p.add(at+".on", "must not be in the future (today is "+today.String()+")")
		}
		checkText(p, at+".words", s.Words, MaxWordsLen, true)
	}
}

func sameSaid(a, b []Said) bool {
	return slices.EqualFunc(a, b, func(x, y Said) bool { return x.By == y.By && x.On.Equal(y.On) && x.Words == y.Words })
}
