package graph

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// maxJSONDepth is the nesting CheckJSON follows; deeper documents are left
// to encoding/json, which refuses them.
const maxJSONDepth = 10000

// CheckJSON checks the JSON text of one value for what encoding/json would
// let through silently when decoding it into v (a pointer): bytes that are
// not UTF-8 and lone UTF-16 surrogate escapes ("\ud800"), which it turns
// into U+FFFD; a key given twice in one object, where the last would win;
// and a key that names a field of v's type only when case is ignored
// ("FULL_NAME"), or names none at all; and null for a field that cannot
// hold it (any but a date, which null leaves not recorded), which
// encoding/json would silently skip. The error is an ErrInvalid *Error
// naming the place, such as "people[1].full_name". Malformed JSON is left
// to the decoder (nil here), and so is whatever follows the first value.
// Control characters are the records' own validation's to refuse.
func CheckJSON(data []byte, v any) error {
	t := reflect.TypeOf(v)
	if t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	s := &jsonScan{b: data}
	s.value("", t, 0)
	if s.syntax || s.err == nil {
		return nil
	}
	return s.err
}

type jsonScan struct {
	b      []byte
	i      int
	err    *Error // the first problem found
	syntax bool   // malformed: leave it to encoding/json
}

func (s *jsonScan) stop() bool { return s.err != nil || s.syntax }

func (s *jsonScan) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// value scans one value at path; t is the Go type it decodes into (nil
// when unknown or decoded by its own UnmarshalJSON).
func (s *jsonScan) value(path string, t reflect.Type, depth int) {
	if depth > maxJSONDepth {
		s.syntax = true
		return
	}
	s.ws()
	if s.i >= len(s.b) {
		s.syntax = true
		return
	}
	t = plainType(t)
	if t != nil && bytes.HasPrefix(s.b[s.i:], []byte("null")) {
		// encoding/json would leave the field as it was: say so instead.
		s.err = Invalid(path, "must not be null: leave it out")
		return
	}
	// A value of the wrong kind: encoding/json would name the place
	// without its index ("people.full_name"), so it is named here, as
	// every other error is, once the value has been read (malformed or
	// too deep, it is left to the decoder).
	mismatch := jsonKindMismatch(t, s.b[s.i:])
	if mismatch != "" {
		t = nil
		defer func() {
			if !s.stop() {
				s.err = Invalid(path, mismatch)
			}
		}()
	}
	switch c := s.b[s.i]; {
	case c == '{':
		s.object(path, t, depth)
	case c == '[':
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		s.i++
		s.ws()
		if s.i < len(s.b) && s.b[s.i] == ']' {
			s.i++
			return
		}
		for n := 0; !s.stop(); n++ {
			s.value(path+"["+strconv.Itoa(n)+"]", elem, depth+1)
			if s.stop() || !s.next(']') {
				return
			}
		}
	case c == '"':
		if _, ok := s.str(); !ok && !s.syntax {
			s.err = Invalid(path, "must be valid UTF-8 (no invalid bytes or lone surrogate escapes)")
		}
	default:
		for s.i < len(s.b) && strings.IndexByte("+-.0123456789eEtruefalsn", s.b[s.i]) >= 0 {
			s.i++
		}
	}
}

// next reads a ',' (true: another member follows) or the closing byte.
func (s *jsonScan) next(closing byte) bool {
	s.ws()
	if s.i >= len(s.b) {
		s.syntax = true
		return false
	}
	switch s.b[s.i] {
	case ',':
		s.i++
		return true
	case closing:
		s.i++
		return false
	}
	s.syntax = true
	return false
}

func (s *jsonScan) object(path string, t reflect.Type, depth int) {
	var fields map[string]reflect.Type
	var elem reflect.Type
	if t != nil {
		switch t.Kind() {
		case reflect.Struct:
			fields = jsonFields(t)
		case reflect.Map:
			elem = t.Elem()
		}
	}
	s.i++
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == '}' {
		s.i++
		return
	}
	seen := map[string]bool{}
	for !s.stop() {
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != '"' {
			s.syntax = true
			return
		}
		key, ok := s.str()
		if s.syntax {
			return
		}
		if !ok {
			s.err = Invalid(path, "holds a field name that is not valid UTF-8")
			return
		}
		at := key
		if path != "" {
			at = path + "." + key
		}
		if seen[key] {
			s.err = Invalid(at, "is given twice")
			return
		}
		seen[key] = true
		child := elem
		if fields != nil {
			ft, known := fields[key]
			if !known {
				s.err = Invalid(at, unknownField(fields, key))
				return
			}
			child = ft
		}
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != ':' {
			s.syntax = true
			return
		}
		s.i++
		s.value(at, child, depth+1)
		if s.stop() || !s.next('}') {
			return
		}
	}
}

func unknownField(fields map[string]reflect.Type, key string) string {
	for name := range fields {
		if strings.EqualFold(name, key) {
			return "is not a known field (field names are case-sensitive: " + strconv.Quote(name) + ")"
		}
	}
	return "is not a known field"
}

// str reads a string at s.i (on its opening quote) and returns its value;
// ok is false when it holds bytes that are not UTF-8 or a lone surrogate.
// Malformed strings set s.syntax.
func (s *jsonScan) str() (string, bool) {
	s.i++
	var out strings.Builder
	ok := true
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return out.String(), ok
		case c < 0x20:
			s.syntax = true
			return "", false
		case c == '\\':
			r, good := s.escape()
			if s.syntax {
				return "", false
			}
			ok = ok && good
			out.WriteRune(r)
		case c < utf8.RuneSelf:
			out.WriteByte(c)
			s.i++
		default:
			r, size := utf8.DecodeRune(s.b[s.i:])
			if r == utf8.RuneError && size == 1 {
				ok = false
			}
			out.WriteRune(r)
			s.i += size
		}
	}
	s.syntax = true
	return "", false
}

// escape reads one escape sequence at s.i (on its backslash), a surrogate
// pair as one; good is false for a lone surrogate.
func (s *jsonScan) escape() (r rune, good bool) {
	if s.i+1 >= len(s.b) {
		s.syntax = true
		return 0, false
	}
	c := s.b[s.i+1]
	s.i += 2
	switch c {
	case '"', '\\', '/':
		return rune(c), true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	case 'u':
	default:
		s.syntax = true
		return 0, false
	}
	r1, ok := s.hex4()
	if !ok {
		return 0, false
	}
	if !utf16.IsSurrogate(r1) {
		return r1, true
	}
	if r1 >= 0xdc00 || s.i+1 >= len(s.b) || s.b[s.i] != '\\' || s.b[s.i+1] != 'u' {
		return utf8.RuneError, false
	}
	save := s.i
	s.i += 2
	r2, ok := s.hex4()
	if !ok {
		return 0, false
	}
	if p := utf16.DecodeRune(r1, r2); p != utf8.RuneError {
		return p, true
	}
	s.i = save // the next escape stands on its own
	return utf8.RuneError, false
}

func (s *jsonScan) hex4() (rune, bool) {
	if s.i+4 > len(s.b) {
		s.syntax = true
		return 0, false
	}
	n, err := strconv.ParseUint(string(s.b[s.i:s.i+4]), 16, 32)
	if err != nil {
		s.syntax = true
		return 0, false
	}
	s.i += 4
	return rune(n), true
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// jsonKindMismatch says what a value must be when the JSON text at the
// start of b (not null) cannot decode into t (plain, or nil: anything
// goes), and "" when it can. Numbers are checked for kind only, and for a
// fraction where a whole number is wanted; overflow is the decoder's.
func jsonKindMismatch(t reflect.Type, b []byte) string {
	if t == nil || len(b) == 0 {
		return ""
	}
	text := t.Implements(textUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType)
	var got string
	switch c := b[0]; {
	case c == '{':
		got = "object"
	case c == '[':
		got = "array"
	case c == '"':
		got = "string"
	case c == 't' || c == 'f':
		got = "boolean"
	default:
		got = "number"
	}
	var want string
	switch t.Kind() {
	case reflect.String:
		want = "string"
	case reflect.Bool:
		want = "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if got == "number" {
			lit := b
			if n := bytes.IndexFunc(b, func(r rune) bool { return !strings.ContainsRune("+-.0123456789eE", r) }); n >= 0 {
				lit = b[:n]
			}
			if bytes.ContainsAny(lit, ".eE") {
				return "must be a whole number"
			}
		}
		want = "number"
	case reflect.Float32, reflect.Float64:
		want = "number"
	case reflect.Struct, reflect.Map:
		want = "object"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && got == "string" {
			return "" // base64
		}
		want = "array"
	case reflect.Array:
		want = "array"
	default:
		return ""
	}
	if got == want || (text && got == "string") {
		return ""
	}
	return "must be a JSON " + want
}

// plainType follows pointers; nil for a type that decodes itself (its
// keys are its own business) or for interfaces.
func plainType(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() == reflect.Interface || t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil
	}
	return t
}

var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// jsonFields returns the JSON names of a struct's fields, as encoding/json
// sees them (tags, promoted fields of embedded structs).
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for _, f := range reflect.VisibleFields(t) {
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				continue // its fields are promoted
			}
		}
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := m[name]; !dup || len(f.Index) == 1 {
			m[name] = f.Type
		}
	}
	fieldCache.Store(t, m)
	return m
}
