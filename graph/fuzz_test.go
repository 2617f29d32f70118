package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeDocument: whatever the bytes, the decoder of API bodies and
// import files never panics and refuses with ErrInvalid; it never accepts
// bytes that are not UTF-8 or a key given twice; what it accepts
// validates without panicking, and written out again (as an export does)
// decodes to the same records, valid exactly when the first was.
func FuzzDecodeDocument(f *testing.F) {
	f.Add([]byte(`{"format":"kinmap/v1","people":[{"id":"a","full_name":"Amy","date_of_birth":"2015-02-28","looked_after":true,"looked_after_since":"2020-01-01"}],"households":[{"id":"h","kind":"foster","address":"1 Row\nTown"}],"residences":[{"id":"r","person":"a","household":"h","from":"2020-01-01"}],"relationships":[{"id":"x","from":"a","to":"a","kind":"sibling","sibling_type":"half","from_view":{"circle":"close","words":"my sister"},"contact":{"mode":"direct","frequency":"weekly"},"history":[{"until":"2021-01-01"}]}],"contacts":[{"id":"c","from":"a","to":"a","kind":"call","date":"2024-01-01"}],"assignments":[{"id":"s","worker":"w","child":"a"}]}`))
	f.Add([]byte(`{"format":"kinmap/v1","people":[{"id":"a","FULL_NAME":"A","full_name":"B"}]}`))
	f.Add([]byte("{\"people\":[{\"id\":\"a\",\"full_name\":\"\\ud800\xff\\u001b\"}]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Document
		err := DecodeJSON(data, &d)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid", err)
			}
			return
		}
		if !utf8.Valid(data) {
			t.Fatalf("accepted bytes that are not UTF-8: %q", data)
		}
		if k, dup := duplicateKey(data); dup {
			t.Fatalf("accepted key %q given twice: %q", k, data)
		}
		verr := d.Validate(nil)
		out, err := json.Marshal(&d)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		var d2 Document
		if err := DecodeJSON(out, &d2); err != nil {
			t.Fatalf("own output refused: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(normalised(d), normalised(d2)) {
			t.Fatalf("round trip changed the records:\n%s\n%+v\n%+v", out, d, d2)
		}
		if (verr == nil) != (d2.Validate(nil) == nil) {
			t.Fatalf("validity changed in a round trip: %v, then %v", verr, d2.Validate(nil))
		}
	})
}

// normalised makes empty and nil slices alike (omitempty writes neither).
func normalised(d Document) Document {
	b, _ := json.Marshal(&d)
	var m any
	_ = json.Unmarshal(b, &m)
	var out Document
	b, _ = json.Marshal(m)
	_ = json.Unmarshal(b, &out)
	out.Sort()
	return out
}

// duplicateKey reports a key given twice in one object, read with
// encoding/json's own tokenizer.
func duplicateKey(data []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		obj  bool
		keys map[string]bool
		key  bool // the next string in this object is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			return "", false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.obj && top.key {
			if k, ok := tok.(string); ok {
				if top.keys[k] {
					return k, true
				}
				top.keys[k] = true
				top.key = false
				continue
			}
		}
		switch tok {
		case json.Delim('{'):
			if top != nil && top.obj {
				top.key = true
			}
			stack = append(stack, &frame{obj: true, keys: map[string]bool{}, key: true})
			continue
		case json.Delim('['):
			if top != nil && top.obj {
				top.key = true
			}
			stack = append(stack, &frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return "", false
			}
			continue
		}
		if top != nil && top.obj {
			top.key = true // a value was read: a key comes next
		}
	}
}

// FuzzParseDate: a date parses only as exactly YYYY-MM-DD of a real day
// in the years 1900 to 2200, is written back as the same text, and reads
// the same through JSON; no input panics, in the parser or in JSON.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-02-29", "2023-02-29", "1900-01-01", "2200-12-31", "1899-12-31", "2201-01-01", "2024-1-01", "+2024-01-01", "2024-01-01T00:00:00Z", " 2024-01-01", "0000-00-00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err == nil {
			if d.String() != s {
				t.Fatalf("ParseDate(%q) writes back %q", s, d.String())
			}
			if y := d.Time().Year(); y < 1900 || y > 2200 {
				t.Fatalf("ParseDate(%q): year %d accepted", s, y)
			}
			if d.AddDays(1).DaysSince(d) != 1 || !d.AddDays(-1).Before(d) {
				t.Fatalf("ParseDate(%q): day arithmetic off", s)
			}
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			var back Date
			if err := json.Unmarshal(b, &back); err != nil || !back.Equal(d) {
				t.Fatalf("JSON round trip of %q: %s, %v, %v", s, b, back, err)
			}
		} else {
			var de *DateError
			if !errors.As(err, &de) {
				t.Fatalf("ParseDate(%q): got %T, want *DateError", s, err)
			}
		}
		var j Date
		if err := j.UnmarshalJSON([]byte(s)); err == nil && !j.IsZero() {
			if b, _ := j.MarshalJSON(); string(b) != `"`+j.String()+`"` {
				t.Fatalf("UnmarshalJSON(%q) then MarshalJSON: %s", s, b)
			}
		}
	})
}
