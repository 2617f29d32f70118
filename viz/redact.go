package viz

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kinmap/kinmap/graph"
)

// field is one kind of information a map can show. Each audience has an
// explicit allow-list of fields; the view builders copy a value onto a map
// only when its field is allowed, so the DOT code never sees the rest.
type field string

// Fields a map can show.
const (
	fFullName             field = "person.full_name"               // full name and known-as
	fName                 field = "person.display_name"            // the name the child uses, or the full name
	fFirstName            field = "person.first_name"              // the name the child uses, or the first name
	fGuardedSurname       field = "person.surname_in_confidential" // surnames of people (carers, their families) in a confidential household
	fRestrictedDetail     field = "person.restricted_detail"       // anything beyond name, role and line about a person whose contact is restricted
	fAge                  field = "person.age"
	fLookedAfter          field = "person.looked_after"
	fRole                 field = "relationship.role"
	fSiblingType          field = "relationship.sibling_type"
	fCircle               field = "relationship.circle"
	fWords                field = "relationship.child_words"
	fDates                field = "relationship.dates"
	fContact              field = "contact.arrangement"
	fSupervision          field = "contact.supervised"
	fLastContact          field = "contact.last"
	fRestricted           field = "restriction.present"
	fRestrictionKind      field = "restriction.kind"
	fRestrictionReason    field = "restriction.reason"
	fSeparated            field = "separation.present"
	fSeparationReason     field = "separation.reason"
	fSeparationDetail     field = "separation.detail"
	fNotes                field = "notes"
	fHouseholdName        field = "household.name"
	fHouseholdKind        field = "household.kind"
	fHouseholdLocality    field = "household.locality"
	fConfidentialName     field = "household.confidential_name"
	fConfidentialLocality field = "household.confidential_locality"
	fConfidentialMark     field = "household.confidential_mark" // that a household is confidential
	fAddress              field = "household.address"
	fFlags                field = "flag.badges"      // neutral badges: lives apart, no recent contact
	fFlagDetail           field = "flag.detail"      // flag kind, severity and explanation
	fFlagOnlyPeople       field = "flag.people"      // people on the map only because a flag names them
	fRiskLines            field = "line.risk"        // restricted, lost and ended line styles and words
	fChangeDetail         field = "review.detail"    // the analysis's wording of a change
	fChildHomeName        field = "child.home_name"  // the child's own home's name
	fGroupOtherHouseholds field = "household.others" // households of people not living with the child
)

// allFields is every field, in a fixed order.
var allFields = []field{fFullName, fName, fFirstName, fGuardedSurname, fRestrictedDetail, fAge,
	fLookedAfter, fRole, fSiblingType, fCircle, fWords, fDates, fContact, fSupervision, fLastContact,
	fRestricted, fRestrictionKind, fRestrictionReason, fSeparated, fSeparationReason,
	fSeparationDetail, fNotes, fHouseholdName, fHouseholdKind, fHouseholdLocality,
	fConfidentialName, fConfidentialLocality, fConfidentialMark, fAddress, fFlags, fFlagDetail,
	fFlagOnlyPeople, fRiskLines, fChangeDetail, fChildHomeName, fGroupOtherHouseholds}

// allowList says which fields each audience may see. It is the whole of
// the redaction policy: add a field here, or it stays off the map.
var allowList = map[Audience][]field{
	Professional: allFields,
	Family: {fName, fAge, fLookedAfter, fRole, fSiblingType, fCircle, fDates, fContact,
		fSupervision, fLastContact, fRestricted, fSeparated, fHouseholdName, fHouseholdKind,
		fHouseholdLocality, fFlags, fRiskLines, fChildHomeName, fGroupOtherHouseholds},
	Child: {fFirstName, fRole, fCircle, fWords, fContact, fHouseholdName, fHouseholdKind,
		fChildHomeName, fGroupOtherHouseholds},
}

// redactor applies one audience's allow-list to one network.
type redactor struct {
	aud Audience
	// assessments are the network's (the latest is on the map).
	assessments []graph.Assessment
	allowed     map[field]bool
	ix          *graph.Index
	asOf        graph.Date
	child       graph.ID
	// guarded people are shown by first name only unless fGuardedSurname
	// is allowed: carers and anyone not birth family of the child who
	// lives (or lived) in a confidential household.
	guarded map[graph.ID]bool
	// terms are words that must not reach a non-professional map (names
	// and localities of confidential households and of restricted
	// people's homes, guarded surnames, addresses); free text is scrubbed
	// of them as a second defence.
	terms []string
	// restrictedHomes are the households where someone whose contact
	// with the child is restricted lives, and restrictedPlaces their
	// localities (lower case), when the audience may not see restricted
	// people's detail: a co-resident's node would otherwise say where
	// the restricted person lives.
	restrictedHomes  map[graph.ID]bool
	restrictedPlaces map[string]bool
}

func newRedactor(aud Audience, n *graph.Network, child graph.ID) *redactor {
	r := &redactor{aud: aud, allowed: map[field]bool{}, ix: graph.NewIndex(n), asOf: n.AsOf,
		child: child, guarded: map[graph.ID]bool{}, restrictedHomes: map[graph.ID]bool{},
		restrictedPlaces: map[string]bool{}, assessments: n.Assessments}
	for _, f := range allowList[aud] {
		r.allowed[f] = true
	}
	r.findGuarded(n)
	return r
}

func (r *redactor) may(f field) bool { return r.allowed[f] }

// findGuarded marks the people whose surnames confidential households
// would give away and collects the protected terms.
func (r *redactor) findGuarded(n *graph.Network) {
	confidential := map[graph.ID]bool{}
	var terms []string
	for _, h := range n.Households {
		if h.Confidential {
			confidential[h.ID] = true
			terms = append(terms, clean(h.Name), clean(h.Locality), clean(h.Address))
		} else if !r.may(fAddress) {
			terms = append(terms, clean(h.Address))
		}
	}
	birthFamily := func(id graph.ID) bool {
		for _, rel := range r.ix.Relationships(r.child) {
			if rel.Other(r.child) != id {
				continue
			}
			switch rel.Kind {
			case graph.RelParent, graph.RelGrandparent, graph.RelOtherKin:
				return true
			case graph.RelSibling:
				if rel.SiblingType == graph.SiblingFull || rel.SiblingType == graph.SiblingHalf {
					return true
				}
			}
		}
		return id == r.child
	}
	for _, res := range n.Residences {
		if confidential[res.Household] && !birthFamily(res.Person) {
			r.guarded[res.Person] = true
		}
	}
	// The homes of people whose contact with the child is restricted.
	if !r.may(fRestrictedDetail) {
		for _, rel := range r.ix.Relationships(r.child) {
			other := rel.Other(r.child)
			if other == r.child || !r.restricted(r.child, other) {
				continue
			}
			if h := r.ix.HouseholdOn(other, r.asOf); h != nil {
				r.restrictedHomes[h.ID] = true
				terms = append(terms, clean(h.Name), clean(h.Locality))
				if l := clean(h.Locality); l != "" {
					r.restrictedPlaces[strings.ToLower(l)] = true
				}
			}
		}
	}
	// Carers of anyone while that person lived in a confidential
	// household, even when the carers' own residence is not recorded.
	for _, rel := range n.Relationships {
		if !rel.Kind.IsCarer() || birthFamily(rel.From) {
			continue
		}
		for _, res := range r.ix.Residences(rel.To) {
			if confidential[res.Household] && overlaps(rel.Span(), res.Span()) {
				r.guarded[rel.From] = true
			}
		}
	}
	if !r.may(fGuardedSurname) {
		ids := make([]graph.ID, 0, len(r.guarded))
		for id := range r.guarded {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			if p := r.ix.Person(id); p != nil {
				terms = append(terms, surnameWords(p.FullName)...)
			}
		}
	}
	if r.aud == Professional {
		terms = nil
	}
	// Longest first, so that a whole household name goes before a word
	// inside it; drop empties and duplicates.
	terms = slices.DeleteFunc(terms, func(s string) bool { return len([]rune(s)) < 2 })
	slices.SortFunc(terms, func(x, y string) int {
		if c := len(y) - len(x); c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
	r.terms = slices.Compact(terms)
}

// text cleans user text for this audience: for anyone but professionals,
// protected terms are scrubbed out.
func (r *redactor) text(s string) string {
	return scrub(clean(s), r.terms)
}

// restricted reports whether contact between the child and id is under a
// restriction (on any current relationship between them).
func (r *redactor) restricted(a, b graph.ID) bool {
	for _, rel := range r.ix.Relationships(a) {
		if rel.Other(a) == b && rel.Restriction != nil && !rel.Span().Ended(r.asOf) {
			return true
		}
	}
	return false
}

// name returns the name of p as this audience may see it. hidden says
// whether p is a person whose detail the audience may not see (contact
// restricted): then only a first name is given.
func (r *redactor) name(p *graph.Person, hidden bool) string {
	if p == nil {
		return ""
	}
	guarded := r.guarded[p.ID] && !r.may(fGuardedSurname)
	switch {
	case r.may(fFullName):
		full := shorten(p.FullName, maxNameRunes)
		if k := clean(p.KnownAs); k != "" && !strings.EqualFold(k, clean(p.FullName)) {
			return full + " (" + shorten(k, maxNameRunes/2) + ")"
		}
		return full
	case r.may(fName) && !guarded && !hidden:
		return shorten(r.text(p.DisplayName()), maxNameRunes)
	}
	return shorten(r.text(r.firstNameOnly(p)), maxNameRunes)
}

// honorifics are titles a child uses with a surname ("Mrs Moyes"): the
// first word of such a name is not a first name.
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true,
	"dr": true, "mr.": true, "mrs.": true, "ms.": true, "dr.": true}

// firstNameOnly returns the name the child uses when it carries no word of
// the surname, else the first word of the full name. A name that starts
// with a title ("Mrs Moyes") is what the child calls the person and is
// kept whole, unless the person is guarded, when only the title and the
// initial are left ("Mrs M.").
func (r *redactor) firstNameOnly(p *graph.Person) string {
	if k := clean(p.KnownAs); k != "" {
		safe := true
		for _, w := range surnameWords(p.FullName) {
			if containsWord(k, w) {
				safe = false
			}
		}
		if safe {
			return k
		}
	}
	first, rest, _ := strings.Cut(clean(p.FullName), " ")
	if honorifics[strings.ToLower(first)] && rest != "" {
		if r.guarded[p.ID] && !r.may(fGuardedSurname) {
			initial, _ := utf8.DecodeRuneInString(rest)
			return first + " " + string(initial) + "."
		}
		return first + " " + rest
	}
	return first
}

// household describes where someone lives, as far as the audience may
// see: a name (or the kind of home), a locality and, for professionals,
// the address. withAddress asks for the address when allowed.
func (r *redactor) household(h *graph.Household, withAddress bool) []string {
	if h == nil {
		return nil
	}
	var name, where string
	hidden := r.restrictedHomes[h.ID]
	switch {
	case hidden || (h.Confidential && !r.may(fConfidentialName)):
		if r.may(fHouseholdKind) {
			name = homeWord(h.Kind, r.aud)
		}
	case r.may(fHouseholdName) && clean(h.Name) != "":
		name = r.text(h.Name)
	case r.may(fHouseholdKind):
		name = homeWord(h.Kind, r.aud)
	}
	if r.may(fHouseholdLocality) && (!h.Confidential || r.may(fConfidentialLocality)) &&
		!hidden && !r.restrictedPlaces[strings.ToLower(clean(h.Locality))] {
		where = r.text(h.Locality)
	}
	var out []string
	line := shorten(name, maxNameRunes)
	if where != "" && line != "" {
		line += ", " + shorten(where, maxNameRunes)
	} else if where != "" {
		line = shorten(where, maxNameRunes)
	}
	if line != "" {
		out = append(out, line)
	}
	if h.Confidential && r.may(fConfidentialMark) {
		out = append(out, "Confidential address")
	}
	if withAddress && r.may(fAddress) && clean(h.Address) != "" {
		out = append(out, shorten(h.Address, maxLineRunes))
	}
	return out
}

// overlaps reports whether two periods share a day (open ends run on).
func overlaps(a, b graph.Span) bool {
	if !a.Until.IsZero() && !b.Since.IsZero() && a.Until.Before(b.Since) {
		return false
	}
	if !b.Until.IsZero() && !a.Since.IsZero() && b.Until.Before(a.Since) {
		return false
	}
	return true
}
