package graph

import "slices"

// HouseholdKind is the kind of home a household is.
type HouseholdKind string

// Household kinds.
const (
	HouseholdBirthFamily HouseholdKind = "birth_family"
	HouseholdKinship     HouseholdKind = "kinship"
	HouseholdFoster      HouseholdKind = "foster"
	HouseholdResidential HouseholdKind = "residential"
	HouseholdAdoptive    HouseholdKind = "adoptive"
	HouseholdSupported   HouseholdKind = "supported_living"
	HouseholdSecure      HouseholdKind = "secure"
	HouseholdOther       HouseholdKind = "other"
)

// HouseholdKinds lists every household kind, in display order.
var HouseholdKinds = []HouseholdKind{HouseholdBirthFamily, HouseholdKinship, HouseholdFoster,
	HouseholdResidential, HouseholdAdoptive, HouseholdSupported, HouseholdSecure, HouseholdOther}

// Valid reports whether k is a known household kind.
func (k HouseholdKind) Valid() bool { return slices.Contains(HouseholdKinds, k) }

// IsCare reports whether the household is a care placement (kinship,
// foster, residential, secure, supported living) rather than a family home.
func (k HouseholdKind) IsCare() bool {
	switch k {
	case HouseholdKinship, HouseholdFoster, HouseholdResidential, HouseholdSecure, HouseholdSupported:
		return true
	}
	return false
}

// RelKind is the kind of a relationship between two people.
type RelKind string

// Relationship kinds. Parent, grandparent and the carer kinds are directed:
// From is the parent, grandparent or carer of To. The others are mutual.
const (
	RelSibling          RelKind = "sibling"
	RelParent           RelKind = "parent"
	RelGrandparent      RelKind = "grandparent"
	RelOtherKin         RelKind = "other_kin"
	RelKinshipCarer     RelKind = "kinship_carer"
	RelFosterCarer      RelKind = "foster_carer"
	RelResidentialCarer RelKind = "residential_carer"
	RelFriend           RelKind = "friend"
	RelProfessional     RelKind = "professional"
	RelOther            RelKind = "other"
	// RelPartner is a partner of a parent (a step-parent, a parent's
	// boyfriend or girlfriend): mutual, with since/until like other ties.
	RelPartner RelKind = "partner"
)

// RelKinds lists every relationship kind, in display order.
var RelKinds = []RelKind{RelSibling, RelParent, RelGrandparent, RelOtherKin, RelKinshipCarer,
	RelFosterCarer, RelResidentialCarer, RelFriend, RelProfessional, RelOther, RelPartner}

// Valid reports whether k is a known relationship kind.
func (k RelKind) Valid() bool { return slices.Contains(RelKinds, k) }

// Directed reports whether From and To play different roles.
func (k RelKind) Directed() bool {
	switch k {
	case RelParent, RelGrandparent, RelKinshipCarer, RelFosterCarer, RelResidentialCarer:
		return true
	}
	return false
}

// IsCarer reports whether k is one of the carer kinds.
func (k RelKind) IsCarer() bool {
	return k == RelKinshipCarer || k == RelFosterCarer || k == RelResidentialCarer
}

// IsFamily reports whether k is a family tie (sibling, parent, grandparent,
// other kin).
func (k RelKind) IsFamily() bool {
	return k == RelSibling || k == RelParent || k == RelGrandparent || k == RelOtherKin
}

// SiblingType is the sub-kind of a sibling relationship, following the
// legal definition: full and half siblings share a parent; step and
// sibling-like siblings have lived together with a sibling-like bond.
type SiblingType string

// Sibling sub-kinds.
const (
	SiblingFull SiblingType = "full"
	SiblingHalf SiblingType = "half"
	SiblingStep SiblingType = "step"
	SiblingLike SiblingType = "sibling_like"
)

// SiblingTypes lists every sibling sub-kind.
var SiblingTypes = []SiblingType{SiblingFull, SiblingHalf, SiblingStep, SiblingLike}

// Valid reports whether t is a known sibling sub-kind.
func (t SiblingType) Valid() bool { return slices.Contains(SiblingTypes, t) }

// Circle is how close the child places a person: the three circles of a
// child-friendly connections map.
type Circle string

// Circles of closeness, innermost first.
const (
	CircleClosest Circle = "closest"
	CircleClose   Circle = "close"
	CircleFurther Circle = "further"
)

// Circles lists the circles, innermost first.
var Circles = []Circle{CircleClosest, CircleClose, CircleFurther}

// Valid reports whether c is a known circle.
func (c Circle) Valid() bool { return slices.Contains(Circles, c) }

// ContactMode is how contact is arranged.
type ContactMode string

// Contact modes.
const (
	ContactDirect   ContactMode = "direct"
	ContactIndirect ContactMode = "indirect"
	ContactNone     ContactMode = "none"
)

// ContactModes lists every contact mode.
var ContactModes = []ContactMode{ContactDirect, ContactIndirect, ContactNone}

// Valid reports whether m is a known contact mode.
func (m ContactMode) Valid() bool { return slices.Contains(ContactModes, m) }

// Frequency is a planned contact frequency.
type Frequency string

// Planned frequencies.
const (
	FreqWeekly      Frequency = "weekly"
	FreqFortnightly Frequency = "fortnightly"
	FreqMonthly     Frequency = "monthly"
	FreqQuarterly   Frequency = "quarterly"
	FreqTwiceYearly Frequency = "twice_yearly"
	FreqYearly      Frequency = "yearly"
	FreqAsAgreed    Frequency = "as_agreed"
)

var frequencyDays = map[Frequency]int{FreqWeekly: 7, FreqFortnightly: 14, FreqMonthly: 31,
	FreqQuarterly: 92, FreqTwiceYearly: 183, FreqYearly: 366, FreqAsAgreed: 0}

// Frequencies lists every planned frequency, most frequent first.
var Frequencies = []Frequency{FreqWeekly, FreqFortnightly, FreqMonthly, FreqQuarterly,
	FreqTwiceYearly, FreqYearly, FreqAsAgreed}

// Valid reports whether f is a known frequency.
func (f Frequency) Valid() bool { _, ok := frequencyDays[f]; return ok }

// Days returns the longest gap, in days, the frequency allows between two
// contacts: the nominal interval plus a grace of a quarter of it (at least
// 3 days, at most 31), since visits move by a few days without contact
// being behind plan. 0 for as_agreed (no fixed interval).
func (f Frequency) Days() int {
	n := frequencyDays[f]
	if n == 0 {
		return 0
	}
	return n + min(max(n/4, 3), 31)
}

// RestrictionKind says what an order or assessment allows.
type RestrictionKind string

// Restriction kinds.
const (
	RestrictNoContact  RestrictionKind = "no_contact"
	RestrictSupervised RestrictionKind = "supervised_only"
)

// Valid reports whether k is a known restriction kind.
func (k RestrictionKind) Valid() bool { return k == RestrictNoContact || k == RestrictSupervised }

// RestrictionBasis is what a restriction rests on.
type RestrictionBasis string

// Restriction bases.
const (
	BasisOrder      RestrictionBasis = "order"
	BasisAssessment RestrictionBasis = "assessment"
)

// Valid reports whether b is a known basis.
func (b RestrictionBasis) Valid() bool { return b == BasisOrder || b == BasisAssessment }

// SeparationReason is the recorded reason siblings live apart.
type SeparationReason string

// Separation reasons.
const (
	SeparationNotSafe     SeparationReason = "not_safe_together"
	SeparationNoPlacement SeparationReason = "no_placement_for_group"
	SeparationChildWish   SeparationReason = "child_wish"
	SeparationOther       SeparationReason = "other"
)

// SeparationReasons lists every separation reason.
var SeparationReasons = []SeparationReason{SeparationNotSafe, SeparationNoPlacement, SeparationChildWish, SeparationOther}

// Valid reports whether r is a known separation reason.
func (r SeparationReason) Valid() bool { return slices.Contains(SeparationReasons, r) }

// ContactKind is the kind of a contact event.
type ContactKind string

// Contact event kinds.
const (
	ContactVisit   ContactKind = "visit"
	ContactCall    ContactKind = "call"
	ContactVideo   ContactKind = "video"
	ContactLetter  ContactKind = "letter"
	ContactMessage ContactKind = "message"
	ContactOther   ContactKind = "other"
)

// ContactKinds lists every contact event kind.
var ContactKinds = []ContactKind{ContactVisit, ContactCall, ContactVideo, ContactLetter, ContactMessage, ContactOther}

// Valid reports whether k is a known contact event kind.
func (k ContactKind) Valid() bool { return slices.Contains(ContactKinds, k) }

// AgeBand is a coarse age for people whose date of birth is not recorded.
type AgeBand string

// Age bands.
const (
	AgeUnder5  AgeBand = "under_5"
	Age5to11   AgeBand = "5_to_11"
	Age12to15  AgeBand = "12_to_15"
	Age16to17  AgeBand = "16_to_17"
	AgeAdult   AgeBand = "adult"
	AgeUnknown AgeBand = ""
)

// AgeBands lists every recorded age band, youngest first.
var AgeBands = []AgeBand{AgeUnder5, Age5to11, Age12to15, Age16to17, AgeAdult}

// Valid reports whether b is a known age band.
func (b AgeBand) Valid() bool { return slices.Contains(AgeBands, b) }

// BandForAge returns the band of a person aged years.
func BandForAge(years int) AgeBand {
	switch {
	case years < 5:
		return AgeUnder5
	case years < 12:
		return Age5to11
	case years < 16:
		return Age12to15
	case years < 18:
		return Age16to17
	}
	return AgeAdult
}
