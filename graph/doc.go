// Package graph holds kinmap's domain: the people who matter to a child in
// care, the households they live in over time, the relationships between
// them and the contact that keeps those relationships alive.
//
// The package uses the standard library only. Everything that talks to a
// database, renders a picture or runs a graph algorithm depends on it, never
// the other way round.
//
// The model follows the Scottish legal definition of a sibling (Looked After
// Children (Scotland) Regulations 2009 reg 2 as amended by SSI 2021/103): a
// person with a parent in common (full or half) and anyone the child has
// lived with and has a sibling-like relationship with (step, sibling-like).
// Separations of looked-after siblings carry a recorded reason; contact
// arrangements and restrictions live on the relationship; contact events
// are dated records from which "last contact" is derived.
//
// History is never overwritten by normal use: a residence or relationship
// ends by getting an Until date, and a placement move is a new Residence.
//
// Validation happens here, before any write: every Validate method returns
// an *Error (or Problems, a list of them) naming the offending JSON field,
// and wrapping one of the sentinel errors (ErrInvalid, ErrNotFound, ...) so
// that callers can map it with errors.Is.
package graph
