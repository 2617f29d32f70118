package analysis

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/kinmap/kinmap/graph"
)

// This file holds the plain-language building blocks of explanations.
// Explanations are professional output: they name people by display name
// and households by their short label, never by address.

// longDate writes a date as a plan would: "5 January 2024".
func longDate(d graph.Date) string { return cmp.Or(d.Long(), "an unrecorded date") }

// daysText writes "1 day" or "n days".
func daysText(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

// listAnd joins "A", "A and B", "A, B and C".
func listAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

var frequencyWords = map[graph.Frequency]string{
	graph.FreqWeekly:      "weekly",
	graph.FreqFortnightly: "fortnightly",
	graph.FreqMonthly:     "monthly",
	graph.FreqQuarterly:   "every three months",
	graph.FreqTwiceYearly: "twice a year",
	graph.FreqYearly:      "once a year",
	graph.FreqAsAgreed:    "as agreed",
}

// arrangementText describes planned contact: "direct contact weekly".
func arrangementText(a *graph.Arrangement) string {
	if a == nil || a.Mode == graph.ContactNone {
		return "no contact"
	}
	s := string(a.Mode) + " contact"
	if w := frequencyWords[a.Frequency]; w != "" {
		s += " " + w
	}
	if a.Supervised {
		s += ", supervised"
	}
	return s
}

var reasonWords = map[graph.SeparationReason]string{
	graph.SeparationNotSafe:     "they were assessed as not safe to live together",
	graph.SeparationNoPlacement: "no placement could take them together",
	graph.SeparationChildWish:   "it was a child's own wish",
	graph.SeparationOther:       "a reason recorded as other",
}

var restrictionWords = map[graph.RestrictionKind]string{
	graph.RestrictNoContact:  "no contact",
	graph.RestrictSupervised: "supervised contact only",
}

var basisWords = map[graph.RestrictionBasis]string{
	graph.BasisOrder:      "by order",
	graph.BasisAssessment: "following an assessment",
}

// restrictionText describes a restriction: "no contact, by order".
func restrictionText(r *graph.Restriction) string {
	if r == nil {
		return "no restriction"
	}
	s := restrictionWords[r.Kind]
	if s == "" {
		s = "a restriction"
	}
	if b := basisWords[r.Basis]; b != "" {
		s += ", " + b
	}
	return s
}

var householdKindWords = map[graph.HouseholdKind]string{
	graph.HouseholdBirthFamily: "a birth family home",
	graph.HouseholdKinship:     "a kinship placement",
	graph.HouseholdFoster:      "a foster home",
	graph.HouseholdResidential: "a residential home",
	graph.HouseholdAdoptive:    "an adoptive home",
	graph.HouseholdSupported:   "supported living",
	graph.HouseholdSecure:      "secure care",
	graph.HouseholdOther:       "another home",
}

// householdText is a household's short label, or its kind in words.
func householdText(h *graph.Household) string {
	switch {
	case h == nil:
		return "a home that is not recorded"
	case h.Name != "":
		return h.Name
	case householdKindWords[h.Kind] != "":
		return householdKindWords[h.Kind]
	}
	return "another home"
}

var siblingTypeWords = map[graph.SiblingType]string{
	graph.SiblingFull: "sibling",
	graph.SiblingHalf: "half-sibling",
	graph.SiblingStep: "step-sibling",
	graph.SiblingLike: "sibling-like connection",
}
