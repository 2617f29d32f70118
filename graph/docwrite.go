package graph

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
)

// WriteDocument writes d as json.Encoder would (with SetIndent("", indent)
// when indent is not empty, and a final newline), but one record at a
// time: no copy of the whole text is built in memory, and done (if not
// nil) is told how many records have been written after each one.
func WriteDocument(w io.Writer, d *Document, indent string, done func(records int)) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	r := d.Records.nonNil()
	nl, in1, in2 := "", "", ""
	colon := ":"
	if indent != "" {
		nl, in1, in2, colon = "\n", indent, indent+indent, ": "
	}
	format, _ := json.Marshal(d.Format)
	bw.WriteString("{" + nl + in1 + `"format"` + colon)
	bw.Write(format)
	n := 0
	var err error
	list := func(name string, count int, rec func(int) any) {
		if err != nil {
			return
		}
		bw.WriteString("," + nl + in1 + strconv.Quote(name) + colon + "[")
		for i := range count {
			var b []byte
			if indent != "" {
				b, err = json.MarshalIndent(rec(i), in2, indent)
			} else {
				b, err = json.Marshal(rec(i))
			}
			if err != nil {
				return
			}
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString(nl + in2)
			bw.Write(b)
			n++
			if done != nil {
				done(n)
			}
		}
		if count > 0 {
			bw.WriteString(nl + in1)
		}
		bw.WriteByte(']')
	}
	list("people", len(r.People), func(i int) any { return r.People[i] })
	list("households", len(r.Households), func(i int) any { return r.Households[i] })
	list("residences", len(r.Residences), func(i int) any { return r.Residences[i] })
	list("relationships", len(r.Relationships), func(i int) any { return r.Relationships[i] })
	list("contacts", len(r.Contacts), func(i int) any { return r.Contacts[i] })
	if len(r.Assignments) > 0 {
		list("assignments", len(r.Assignments), func(i int) any { return r.Assignments[i] })
	}
	if len(r.Assessments) > 0 {
		list("assessments", len(r.Assessments), func(i int) any { return r.Assessments[i] })
	}
	if len(r.PlanActions) > 0 {
		list("plan_actions", len(r.PlanActions), func(i int) any { return r.PlanActions[i] })
	}
	if err != nil {
		return err
	}
	bw.WriteString(nl + "}\n")
	return bw.Flush()
}

// Total is the number of records of every type.
func (r *Records) Total() int {
	return len(r.People) + len(r.Households) + len(r.Residences) + len(r.Relationships) + len(r.Contacts) + len(r.Assignments) +
		len(r.Assessments) + len(r.PlanActions)
}
