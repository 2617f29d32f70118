package graph

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
)

// DocumentLists are the record lists of a document in the order they are
// written, with whether an empty one is left out (json:",omitempty" in
// Records) rather than written as [].
var DocumentLists = []struct {
	Name      string
	OmitEmpty bool
}{
	{"people", false}, {"households", false}, {"residences", false}, {"relationships", false},
	{"contacts", false}, {"assignments", true}, {"assessments", true}, {"plan_actions", true},
}

// ListSource emits the records of one list, in order, through emit; it
// stops at the first error emit returns and returns it.
type ListSource func(list string, emit func(record any) error) error

// WriteDocument writes d as json.Encoder would (with SetIndent("", indent)
// when indent is not empty, and a final newline), but one record at a
// time: no copy of the whole text is built in memory, and done (if not
// nil) is told how many records have been written after each one.
func WriteDocument(w io.Writer, d *Document, indent string, done func(records int)) error {
	r := d.Records.nonNil()
	return StreamDocument(w, d.Format, indent, done, func(list string, emit func(any) error) error {
		switch list {
		case "people":
			return emitAll(r.People, emit)
		case "households":
			return emitAll(r.Households, emit)
		case "residences":
			return emitAll(r.Residences, emit)
		case "relationships":
			return emitAll(r.Relationships, emit)
		case "contacts":
			return emitAll(r.Contacts, emit)
		case "assignments":
			return emitAll(r.Assignments, emit)
		case "assessments":
			return emitAll(r.Assessments, emit)
		case "plan_actions":
			return emitAll(r.PlanActions, emit)
		}
		return nil
	})
}

func emitAll[T any](list []T, emit func(any) error) error {
	for _, rec := range list {
		if err := emit(rec); err != nil {
			return err
		}
	}
	return nil
}

// StreamDocument writes a document whose records come from lists, called
// once per list of DocumentLists in order, exactly as WriteDocument writes
// the same records held in memory: this is the one writer of a document's
// framing (format, list names and order, separators, indentation). A list
// that emits nothing is written as [] or, if it is left out when empty,
// not at all. Output is buffered; nothing of a list's head is written
// before its first record or its end. done (if not nil) is told how many
// records have been written after each one.
func StreamDocument(w io.Writer, format, indent string, done func(records int), lists ListSource) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	nl, in1, in2 := "", "", ""
	colon := ":"
	if indent != "" {
		nl, in1, in2, colon = "\n", indent, indent+indent, ": "
	}
	f, _ := json.Marshal(format)
	bw.WriteString("{" + nl + in1 + `"format"` + colon)
	bw.Write(f)
	n := 0
	for _, l := range DocumentLists {
		count := 0
		head := func() { bw.WriteString("," + nl + in1 + strconv.Quote(l.Name) + colon + "[") }
		err := lists(l.Name, func(rec any) error {
			var b []byte
			var err error
			if indent != "" {
				b, err = json.MarshalIndent(rec, in2, indent)
			} else {
				b, err = json.Marshal(rec)
			}
			if err != nil {
				return err
			}
			if count == 0 {
				head()
			} else {
				bw.WriteByte(',')
			}
			bw.WriteString(nl + in2)
			bw.Write(b)
			count++
			n++
			if done != nil {
				done(n)
			}
			return nil
		})
		if err != nil {
			return err
		}
		switch {
		case count > 0:
			bw.WriteString(nl + in1 + "]")
		case !l.OmitEmpty:
			head()
			bw.WriteByte(']')
		}
	}
	bw.WriteString(nl + "}\n")
	return bw.Flush()
}

// Total is the number of records of every type.
func (r *Records) Total() int {
	return len(r.People) + len(r.Households) + len(r.Residences) + len(r.Relationships) + len(r.Contacts) + len(r.Assignments) +
		len(r.Assessments) + len(r.PlanActions)
}
