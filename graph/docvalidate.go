package graph

import (
	"fmt"
	"hash/maphash"
)

// maxProblems bounds the problems a DocumentValidator keeps (and so its
// memory on a document that is wrong throughout); the last one says how
// many more were found.
const maxProblems = 1000

// DocumentValidator validates a document fed to it one record at a time
// (ScanDocument's order) with the rules of Document.Validate: every record
// valid, ids unique per list, every reference naming a person or household
// in the document or already stored. It holds the ids (packed, not one
// string each) but no records, so its memory grows with the number of
// records by tens of bytes each.
type DocumentValidator struct {
	probs   Problems
	more    int
	ids     map[string]*idSet
	pending []pendingRef // references not yet resolved in the document
	counts  map[string]int
}

type pendingRef struct {
	field, kind string
	id          ID
}

// NewDocumentValidator returns an empty validator.
func NewDocumentValidator() *DocumentValidator {
	v := &DocumentValidator{ids: map[string]*idSet{}, counts: map[string]int{}}
	seed := maphash.MakeSeed()
	for _, l := range Lists {
		v.ids[l] = &idSet{seed: seed, first: map[uint64]int32{}}
	}
	return v
}

func (v *DocumentValidator) problem(e *Error) {
	if len(v.probs) < maxProblems {
		v.probs = append(v.probs, e)
		return
	}
	v.more++
}

// Format checks the document's format value.
func (v *DocumentValidator) Format(f string) {
	if f != Format {
		v.problem(Invalid("format", fmt.Sprintf("must be %q", Format)))
	}
}

// Add validates one record (as ScanDocument gives it).
func (v *DocumentValidator) Add(list string, i int, rec any) {
	v.counts[list]++
	at := fmt.Sprintf("%s[%d]", list, i)
	var id ID
	var err error
	type ref struct {
		field, kind string
		id          ID
	}
	var refs []ref
	switch r := rec.(type) {
	case Person:
		id, err = r.ID, r.Validate()
	case Household:
		id, err = r.ID, r.Validate()
	case Residence:
		id, err = r.ID, r.Validate()
		refs = []ref{{"person", "person", r.Person}, {"household", "household", r.Household}}
	case Relationship:
		id, err = r.ID, r.Validate()
		refs = []ref{{"from", "person", r.From}, {"to", "person", r.To}, {"contact.via", "person", r.ContactVia()}}
	case Contact:
		id, err = r.ID, r.Validate()
		refs = []ref{{"from", "person", r.From}, {"to", "person", r.To}}
	case Assignment:
		id, err = r.ID, r.Validate()
		refs = []ref{{"child", "person", r.Child}}
	case Assessment:
		id, err = r.ID, r.Validate()
		refs = []ref{{"child", "person", r.Child}}
		for j, c := range r.Connections {
			refs = append(refs, ref{fmt.Sprintf("connections[%d].person", j), "person", c.Person})
		}
	case PlanAction:
		id, err = r.ID, r.Validate()
		refs = []ref{{"child", "person", r.Child}, {"person", "person", r.Person}}
	}
	if id != "" && !v.ids[list].add(id) {
		v.problem(Invalid(at+".id", fmt.Sprintf("duplicates id %q earlier in %s", id, list)))
	}
	if err != nil {
		var p Problems
		p.merge(at, err)
		for _, e := range p {
			v.problem(e)
		}
	}
	for _, r := range refs {
		if r.id == "" || !ValidID(r.id) || v.has(r.kind, r.id) {
			continue
		}
		v.pending = append(v.pending, pendingRef{at + "." + r.field, r.kind, r.id})
	}
}

func (v *DocumentValidator) has(kind string, id ID) bool {
	if kind == "household" {
		return v.ids["households"].has(id)
	}
	return v.ids["people"].has(id)
}

// Unresolved returns the people and households the document refers to
// but does not hold (to look up in the store), each once.
func (v *DocumentValidator) Unresolved() (people, households []ID) {
	seen := map[string]bool{}
	for _, r := range v.pending {
		if v.has(r.kind, r.id) || seen[r.kind+":"+r.id] {
			continue
		}
		seen[r.kind+":"+r.id] = true
		if r.kind == "household" {
			households = append(households, r.id)
		} else {
			people = append(people, r.id)
		}
	}
	return people, households
}

// Counts returns how many records of each list were added.
func (v *DocumentValidator) Counts() map[string]int {
	out := make(map[string]int, len(Lists))
	for _, l := range Lists {
		out[l] = v.counts[l]
	}
	return out
}

// Conflict records a problem found outside the document's own rules (a
// stored record it would collide with).
func (v *DocumentValidator) Conflict(e *Error) { v.problem(e) }

// Err finishes the validation: known reports ids stored outside the
// document (it may be nil). nil when the document may be imported.
func (v *DocumentValidator) Err(known func(kind string, id ID) bool) error {
	for _, r := range v.pending {
		if !v.has(r.kind, r.id) && (known == nil || !known(r.kind, r.id)) {
			v.problem(Invalid(r.field, fmt.Sprintf("names %q, which is not in the document or the store", r.id)))
		}
	}
	v.pending = nil
	probs := v.probs
	if v.more > 0 {
		probs = append(probs[:len(probs):len(probs)], Invalid("", fmt.Sprintf("and %d more problems", v.more)))
	}
	return probs.Err()
}

// idSet is a set of ids packed into one byte slice, found by hash.
type idSet struct {
	seed  maphash.Seed
	first map[uint64]int32 // hash -> first entry with it
	next  []int32          // entry -> next entry with the same hash, -1
	ends  []uint32         // entry -> end of its id in data
	data  []byte
}

func (s *idSet) entry(k int32) []byte {
	start := uint32(0)
	if k > 0 {
		start = s.ends[k-1]
	}
	return s.data[start:s.ends[k]]
}

func (s *idSet) find(id string, h uint64) bool {
	k, ok := s.first[h]
	for ok && k >= 0 {
		if string(s.entry(k)) == id { // compared without a copy
			return true
		}
		k = s.next[k]
	}
	return false
}

func (s *idSet) has(id string) bool { return s.find(id, maphash.String(s.seed, id)) }

// add adds id; false if it was there already.
func (s *idSet) add(id string) bool {
	h := maphash.String(s.seed, id)
	if s.find(id, h) {
		return false
	}
	k := int32(len(s.ends))
	s.data = append(s.data, id...)
	s.ends = append(s.ends, uint32(len(s.data)))
	prev, ok := s.first[h]
	if !ok {
		prev = -1
	}
	s.next = append(s.next, prev)
	s.first[h] = k
	return true
}
