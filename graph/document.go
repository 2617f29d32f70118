package graph

import (
	"fmt"
	"slices"
	"strings"
)

// Format is the value of Document.Format for this version of the import
// format.
const Format = "kinmap/v1"

// Records is a set of records of every type. A Document (a file to
// import) and a Network (a snapshot read from the store) both carry one.
type Records struct {
	People        []Person       `json:"people"`
	Households    []Household    `json:"households"`
	Residences    []Residence    `json:"residences"`
	Relationships []Relationship `json:"relationships"`
	Contacts      []Contact      `json:"contacts"`
	Assignments   []Assignment   `json:"assignments,omitempty"`
	Assessments   []Assessment   `json:"assessments,omitempty"`
	PlanActions   []PlanAction   `json:"plan_actions,omitempty"`
}

// Document is kinmap's import and export format: a whole family or a whole
// authority. Its JSON Schema is docs/import.schema.json.
type Document struct {
	Format string `json:"format"`
	Records
}

// Validate checks every record and the references between them: ids are
// unique per type, every reference names a record in the document. known
// reports ids that exist outside the document (already stored); it may be
// nil.
func (d *Document) Validate(known func(kind string, id ID) bool) error {
	var probs Problems
	if d.Format != Format {
		probs.add("format", fmt.Sprintf("must be %q", Format))
	}
	people := indexIDs(&probs, "people", len(d.People), func(i int) ID { return d.People[i].ID })
	households := indexIDs(&probs, "households", len(d.Households), func(i int) ID { return d.Households[i].ID })
	indexIDs(&probs, "residences", len(d.Residences), func(i int) ID { return d.Residences[i].ID })
	indexIDs(&probs, "relationships", len(d.Relationships), func(i int) ID { return d.Relationships[i].ID })
	indexIDs(&probs, "contacts", len(d.Contacts), func(i int) ID { return d.Contacts[i].ID })
	indexIDs(&probs, "assignments", len(d.Assignments), func(i int) ID { return d.Assignments[i].ID })
	indexIDs(&probs, "assessments", len(d.Assessments), func(i int) ID { return d.Assessments[i].ID })
	indexIDs(&probs, "plan_actions", len(d.PlanActions), func(i int) ID { return d.PlanActions[i].ID })
	has := func(set map[ID]bool, kind string) func(ID) bool {
		return func(id ID) bool { return set[id] || (known != nil && known(kind, id)) }
	}
	person, household := has(people, "person"), has(households, "household")
	ref := func(field string, id ID, exists func(ID) bool) {
		if id != "" && ValidID(id) && !exists(id) {
			probs = append(probs, Invalid(field, fmt.Sprintf("names %q, which is not in the document or the store", id)))
		}
	}
	for i, p := range d.People {
		probs.merge(fmt.Sprintf("people[%d]", i), p.Validate())
	}
	for i, h := range d.Households {
		probs.merge(fmt.Sprintf("households[%d]", i), h.Validate())
	}
	for i, r := range d.Residences {
		at := fmt.Sprintf("residences[%d]", i)
		probs.merge(at, r.Validate())
		ref(at+".person", r.Person, person)
		ref(at+".household", r.Household, household)
	}
	for i, r := range d.Relationships {
		at := fmt.Sprintf("relationships[%d]", i)
		probs.merge(at, r.Validate())
		ref(at+".from", r.From, person)
		ref(at+".to", r.To, person)
		ref(at+".contact.via", r.ContactVia(), person)
	}
	for i, c := range d.Contacts {
		at := fmt.Sprintf("contacts[%d]", i)
		probs.merge(at, c.Validate())
		ref(at+".from", c.From, person)
		ref(at+".to", c.To, person)
	}
	for i, a := range d.Assignments {
		at := fmt.Sprintf("assignments[%d]", i)
		probs.merge(at, a.Validate())
		ref(at+".child", a.Child, person)
	}
	for i, a := range d.Assessments {
		at := fmt.Sprintf("assessments[%d]", i)
		probs.merge(at, a.Validate())
		ref(at+".child", a.Child, person)
		for j, c := range a.Connections {
			ref(fmt.Sprintf("%s.connections[%d].person", at, j), c.Person, person)
		}
	}
	for i, a := range d.PlanActions {
		at := fmt.Sprintf("plan_actions[%d]", i)
		probs.merge(at, a.Validate())
		ref(at+".child", a.Child, person)
		ref(at+".person", a.Person, person)
	}
	return probs.Err()
}

func indexIDs(probs *Problems, field string, n int, id func(int) ID) map[ID]bool {
	seen := make(map[ID]bool, n)
	for i := range n {
		v := id(i)
		if v == "" {
			continue
		}
		if seen[v] {
			probs.add(fmt.Sprintf("%s[%d].id", field, i), fmt.Sprintf("duplicates id %q earlier in %s", v, field))
		}
		seen[v] = true
	}
	return seen
}

// Sort puts every slice in id order, and makes nil slices empty, so that
// documents compare and serialise deterministically.
func (r *Records) Sort() {
	nonNil(&r.People)
	nonNil(&r.Households)
	nonNil(&r.Residences)
	nonNil(&r.Relationships)
	nonNil(&r.Contacts)
	slices.SortFunc(r.People, func(a, b Person) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(r.Households, func(a, b Household) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(r.Residences, func(a, b Residence) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(r.Relationships, func(a, b Relationship) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(r.Contacts, func(a, b Contact) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(r.Assignments, func(a, b Assignment) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(r.Assessments, func(a, b Assessment) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(r.PlanActions, func(a, b PlanAction) int { return strings.Compare(a.ID, b.ID) })
}

// Add appends rec (a Person, Household, Residence, Relationship,
// Contact, Assignment, Assessment or PlanAction, as ScanDocument and the
// streamed export give them) to its list.
func (r *Records) Add(rec any) error {
	switch x := rec.(type) {
	case Person:
		r.People = append(r.People, x)
	case Household:
		r.Households = append(r.Households, x)
	case Residence:
		r.Residences = append(r.Residences, x)
	case Relationship:
		r.Relationships = append(r.Relationships, x)
	case Contact:
		r.Contacts = append(r.Contacts, x)
	case Assignment:
		r.Assignments = append(r.Assignments, x)
	case Assessment:
		r.Assessments = append(r.Assessments, x)
	case PlanAction:
		r.PlanActions = append(r.PlanActions, x)
	default:
		return fmt.Errorf("graph: a record of type %T", rec)
	}
	return nil
}

// Counts returns the number of records of each type.
func (r *Records) Counts() map[string]int {
	return map[string]int{"people": len(r.People), "households": len(r.Households),
		"residences": len(r.Residences), "relationships": len(r.Relationships),
		"contacts": len(r.Contacts), "assignments": len(r.Assignments),
		"assessments": len(r.Assessments), "plan_actions": len(r.PlanActions)}
}

func nonNil[T any](s *[]T) {
	if *s == nil {
		*s = []T{}
	}
}
