package graph

import (
	"errors"
	"testing"
)

// TestCheckJSON: what encoding/json lets through silently is refused,
// naming the place: bytes that are not UTF-8 and lone surrogate escapes
// (decoded as U+FFFD), a key given twice (the last would win) and a key
// that matches a field only when case is ignored.
func TestCheckJSON(t *testing.T) {
	tests := []struct {
		name, doc, field string // field "" for accepted
	}{
		{"valid", `{"format":"kinmap/v1","people":[{"id":"a","full_name":"Amy \u00e9\ud83d\ude00"}]}`, ""},
		{"escaped control characters are left to validation", `{"people":[{"id":"a","full_name":"\u001b"}]}`, ""},
		{"invalid UTF-8", "{\"people\":[{\"id\":\"a\"},{\"id\":\"b\",\"full_name\":\"Bo\xff\"}]}", "people[1].full_name"},
		{"overlong encoding", "{\"format\":\"\xc0\xaf\"}", "format"},
		{"encoded surrogate", "{\"format\":\"\xed\xa0\x80\"}", "format"},
		{"lone high surrogate", `{"people":[{"id":"a","notes":"x\ud800"}]}`, "people[0].notes"},
		{"lone low surrogate", `{"people":[{"id":"a","notes":"\udc00x"}]}`, "people[0].notes"},
		{"high surrogate then a non-surrogate escape", `{"people":[{"id":"a","notes":"\ud800\u0041"}]}`, "people[0].notes"},
		{"two high surrogates", `{"people":[{"id":"a","notes":"\ud800\ud800\udc00"}]}`, "people[0].notes"},
		{"invalid UTF-8 in a key", "{\"people\":[{\"id\":\"a\",\"n\xffotes\":\"x\"}]}", "people[0]"},
		{"duplicate key", `{"people":[{"id":"a","full_name":"A","full_name":"B"}]}`, "people[0].full_name"},
		{"duplicate key spelt with an escape", `{"format":"kinmap/v1","\u0066ormat":"x"}`, "format"},
		{"key in the wrong case", `{"people":[{"id":"a","FULL_NAME":"A"}]}`, "people[0].FULL_NAME"},
		{"key in the wrong case, embedded struct", `{"People":[]}`, "People"},
		{"key matching under Unicode folding", "{\"people\":[{\"id\":\"a\",\"full_name\":\"A\",\"noteſ\":\"x\"}]}", "people[0].noteſ"},
		{"unknown key", `{"people":[{"id":"a","favourite":"blue"}]}`, "people[0].favourite"},
		{"nested struct key in the wrong case", `{"relationships":[{"id":"r","from_view":{"Circle":"close"}}]}`, "relationships[0].from_view.Circle"},
		{"null for a string", `{"people":[{"id":"a","notes":null}]}`, "people[0].notes"},
		{"null for a list", `{"format":"kinmap/v1","assignments":null}`, "assignments"},
		{"null for a nested record", `{"relationships":[{"id":"r","contact":null}]}`, "relationships[0].contact"},
		{"null for a boolean", `{"households":[{"id":"h","confidential":null}]}`, "households[0].confidential"},
		{"null for a date: not recorded", `{"people":[{"id":"a","date_of_birth":null}]}`, ""},
		{"date values are not keyed", `{"people":[{"id":"a","date_of_birth":"2020-01-01"}]}`, ""},
		{"a number for a string", `{"people":[{"id":"a"},{"id":"b","full_name":5}]}`, "people[1].full_name"},
		{"an object for a boolean", `{"people":[{"id":"a","looked_after":{"x":1}}]}`, "people[0].looked_after"},
		{"a string for a list", `{"people":"none"}`, "people"},
		{"syntax errors are left to the decoder", `{"people":[{"id":"a",`, ""},
		{"deep nesting is left to the decoder", `{"people":` + deep(20000) + `}`, ""},
	}
	for _, tt := range tests {
		var d Document
		err := CheckJSON([]byte(tt.doc), &d)
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: got %v, want accepted", tt.name, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrInvalid) || e.Field != tt.field {
			t.Errorf("%s: got %v, want ErrInvalid naming %q", tt.name, err, tt.field)
		}
	}
}

// TestCheckJSONUntyped: with no struct to match, keys are still checked
// for duplicates and every string for UTF-8.
func TestCheckJSONUntyped(t *testing.T) {
	var v any
	if err := CheckJSON([]byte(`{"A":1,"a":2,"b":[{"x":1}]}`), &v); err != nil {
		t.Errorf("distinct keys: got %v, want accepted", err)
	}
	var e *Error
	if err := CheckJSON([]byte(`{"b":[{"x":1,"x":2}]}`), &v); !errors.As(err, &e) || e.Field != "b[0].x" {
		t.Errorf("duplicate: got %v, want b[0].x", err)
	}
}

func deep(n int) string {
	b := make([]byte, 0, 2*n)
	for range n {
		b = append(b, '[')
	}
	for range n {
		b = append(b, ']')
	}
	return string(b)
}

// TestDecodeJSONOneValue: nothing but white space may follow the value
// (json.Decoder.More says false for a stray ']' or '}', so it passed).
func TestDecodeJSONOneValue(t *testing.T) {
	for _, doc := range []string{`{}]`, `{}}`, "{}]\xff", `{} {}`, `{}x`} {
		var d Document
		if err := DecodeJSON([]byte(doc), &d); !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: got %v, want ErrInvalid", doc, err)
		}
	}
	var d Document
	if err := DecodeJSON([]byte("{\"format\":\"kinmap/v1\"}\n\t "), &d); err != nil {
		t.Errorf("trailing white space: got %v, want accepted", err)
	}
}
