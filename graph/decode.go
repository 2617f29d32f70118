package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// DecodeJSON decodes data, which must hold exactly one JSON value, into v
// (a pointer): no unknown fields, and CheckJSON's rules (UTF-8, no key
// given twice, keys in their exact case). The API's bodies and the CLI's
// import files are read with it. Errors are ErrInvalid and name the
// offending field where one can be found.
func DecodeJSON(data []byte, v any) error {
	if err := CheckJSON(data, v); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(data, err)
	}
	// Nothing but white space after the value (More would let a stray
	// ']' or '}' through).
	if len(bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n")) > 0 {
		return Invalid("", "the body must hold exactly one JSON value")
	}
	return nil
}

// jsonError turns a decoding error into a field error.
func jsonError(body []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return Invalid("", fmt.Sprintf("malformed JSON at byte %d", syn.Offset))
	case errors.As(err, &typ):
		return Invalid(typ.Field, "must be a JSON "+typ.Type.Kind().String())
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return Invalid("", "malformed JSON: the body is empty or cut short")
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return Invalid(strings.Trim(f, `"`), "is not a known field")
	}
	// A date's own UnmarshalJSON failed: find the field holding the value.
	var de *DateError
	var doc any
	if errors.As(err, &de) && json.Unmarshal(body, &doc) == nil {
		if path, ok := findValue(doc, "", de.Value); ok {
			return Invalid(path, de.Reason)
		}
		return Invalid("", de.Error())
	}
	return Invalid("", "malformed JSON")
}

// findValue returns the path of the first value (in key order) whose JSON
// text is raw: a string's quoted text, or any other scalar's literal.
func findValue(v any, path, raw string) (string, bool) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if p, ok := findValue(x[k], p, raw); ok {
				return p, true
			}
		}
	case []any:
		for i, e := range x {
			if p, ok := findValue(e, path+"["+strconv.Itoa(i)+"]", raw); ok {
				return p, true
			}
		}
	default:
		b, _ := json.Marshal(x)
		s, isStr := x.(string)
		return path, string(b) == raw || (isStr && s == raw)
	}
	return "", false
}
