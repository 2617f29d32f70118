package graph

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
)

// Lists names the record lists of a Document in the order an export
// writes them (nodes before the edges between them).
var Lists = []string{"people", "households", "residences", "relationships", "contacts", "assignments", "assessments", "plan_actions"}

// ScanDocument reads an import document from r one record at a time, in
// the order the file holds them, and calls each with the list's name (see
// Lists), the record's index in it and the record (a Person, Household,
// Residence, Relationship, Contact, Assignment, Assessment or PlanAction value). Memory stays
// bounded by the largest record, whatever the document's size. Each record
// is decoded as strictly as DecodeJSON decodes a whole document (no unknown
// fields, no repeated keys, UTF-8, no null for a field), and a problem
// stops the scan with an ErrInvalid error naming the field, such as
// "people[3].full_name". The document's format value is returned; records
// are not validated (see DocumentValidator). An error from each stops the
// scan and is returned as it is.
func ScanDocument(r io.Reader, each func(list string, i int, rec any) error) (format string, err error) {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	tok, err := dec.Token()
	if err != nil {
		return "", streamError(err)
	}
	if tok != json.Delim('{') {
		return "", Invalid("", "the document must be a JSON object")
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", streamError(err)
		}
		key, _ := tok.(string)
		if seen[key] {
			return "", Invalid(key, "is given twice")
		}
		seen[key] = true
		if key == "format" {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return "", streamError(err)
			}
			var f struct {
				Format string `json:"format"`
			}
			if err := DecodeJSON(append(append([]byte(`{"format":`), raw...), '}'), &f); err != nil {
				return "", err
			}
			format = f.Format
			continue
		}
		decodeOne, ok := recordDecoders[key]
		if !ok {
			return "", Invalid(key, unknownField(jsonFields(reflect.TypeOf(Document{})), key))
		}
		if err := scanList(dec, key, decodeOne, each); err != nil {
			return "", err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return "", streamError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err != nil {
			return "", streamError(err)
		}
		return "", Invalid("", "the body must hold exactly one JSON value")
	}
	return format, nil
}

// scanList reads one record list: '[' records ']'.
func scanList(dec *json.Decoder, key string, decodeOne func([]byte) (any, error), each func(string, int, any) error) error {
	tok, err := dec.Token()
	if err != nil {
		return streamError(err)
	}
	switch tok {
	case json.Delim('['):
	case nil:
		return Invalid(key, "must not be null: leave it out")
	default:
		return Invalid(key, "must be a JSON array")
	}
	var raw json.RawMessage
	for i := 0; dec.More(); i++ {
		raw = raw[:0]
		if err := dec.Decode(&raw); err != nil {
			return streamError(err)
		}
		rec, err := decodeOne(raw)
		if err != nil {
			var probs Problems
			probs.merge(fmt.Sprintf("%s[%d]", key, i), err)
			return probs[0]
		}
		if err := each(key, i, rec); err != nil {
			return err
		}
	}
	_, err = dec.Token() // the closing ']'
	return streamError(err)
}

func decodeAs[T any](raw []byte) (any, error) {
	var v T
	err := DecodeJSON(raw, &v)
	return v, err
}

var recordDecoders = map[string]func([]byte) (any, error){
	"people":        decodeAs[Person],
	"households":    decodeAs[Household],
	"residences":    decodeAs[Residence],
	"relationships": decodeAs[Relationship],
	"contacts":      decodeAs[Contact],
	"assignments":   decodeAs[Assignment],
	"assessments":   decodeAs[Assessment],
	"plan_actions":  decodeAs[PlanAction],
}

// streamError turns a decoder's error into a field error (nil stays nil).
func streamError(err error) error {
	if err == nil {
		return nil
	}
	return jsonError(nil, err)
}
