package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// Body size limits.
const (
	MaxBodyBytes   = 1 << 20  // one record
	MaxImportBytes = 64 << 20 // a whole authority
)

// decode reads a JSON body into v: the content type must be JSON, the
// body at most limit bytes, exactly one value, no unknown fields, and
// graph.CheckJSON's rules (UTF-8, no repeated keys, keys in their exact
// case). Errors name the offending field where one can be found.
func decode(c echo.Context, v any, limit int64) error {
	req := c.Request()
	mt, _, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if err != nil || (mt != echo.MIMEApplicationJSON && !strings.HasSuffix(mt, "+json")) {
		return &httpError{http.StatusUnsupportedMediaType, "unsupported_media_type", "the body must be application/json"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), req.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &httpError{http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the body is larger than %d bytes", limit)}
		}
		return &httpError{http.StatusBadRequest, "invalid", "the body could not be read"}
	}
	// What encoding/json lets through silently (bytes that are not UTF-8,
	// lone surrogates, repeated keys, keys in the wrong case) first.
	if err := graph.CheckJSON(body, v); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(body, err)
	}
	if dec.More() {
		return graph.Invalid("", "the body must hold exactly one JSON value")
	}
	return nil
}

// jsonError turns a decoding error into a field error.
func jsonError(body []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return graph.Invalid("", fmt.Sprintf("malformed JSON at byte %d", syn.Offset))
	case errors.As(err, &typ):
		return graph.Invalid(typ.Field, "must be a JSON "+typ.Type.Kind().String())
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return graph.Invalid("", "malformed JSON: the body is empty or cut short")
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return graph.Invalid(strings.Trim(f, `"`), "is not a known field")
	}
	// A date's own UnmarshalJSON failed: find the field holding the value.
	var de *graph.DateError
	var doc any
	if errors.As(err, &de) && json.Unmarshal(body, &doc) == nil {
		if path, ok := findValue(doc, "", de.Value); ok {
			return graph.Invalid(path, de.Reason)
		}
		return graph.Invalid("", de.Error())
	}
	return graph.Invalid("", "malformed JSON")
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

// dateParam reads an optional date query parameter; def when absent.
func dateParam(c echo.Context, name string, def graph.Date) (graph.Date, error) {
	s := c.QueryParam(name)
	if s == "" {
		return def, nil
	}
	d, err := graph.ParseDate(s)
	if err != nil {
		return graph.Date{}, graph.Invalid(name, "must be a real date of the form YYYY-MM-DD")
	}
	return d, nil
}

// intParam reads an optional integer query parameter within [lo, hi].
func intParam(c echo.Context, name string, def, lo, hi int) (int, error) {
	s := c.QueryParam(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, graph.Invalid(name, fmt.Sprintf("must be a whole number from %d to %d", lo, hi))
	}
	return n, nil
}
