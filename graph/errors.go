package graph

import (
	"errors"
	"strings"
)

// Sentinel errors. Every error kinmap returns to a client wraps exactly one
// of them; the API maps them to HTTP statuses in one table.
var (
	ErrInvalid     = errors.New("invalid input")
	ErrNotFound    = errors.New("not found")
	ErrConflict    = errors.New("conflict")
	ErrUnavailable = errors.New("storage unavailable")
)

// Error is a domain error about one field. Field is the JSON path of the
// offending value (for example "relationships[2].until"), empty when the
// error is not about a field.
type Error struct {
	Kind    error  // one of the sentinel errors
	Field   string // JSON path, may be empty
	Message string // lower-case, no personal data
}

func (e *Error) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// Unwrap lets errors.Is match the sentinel kind.
func (e *Error) Unwrap() error { return e.Kind }

// Invalid returns an ErrInvalid error about field.
func Invalid(field, msg string) *Error { return &Error{Kind: ErrInvalid, Field: field, Message: msg} }

// NotFound returns an ErrNotFound error about field.
func NotFound(field, msg string) *Error { return &Error{Kind: ErrNotFound, Field: field, Message: msg} }

// Conflict returns an ErrConflict error about field.
func Conflict(field, msg string) *Error { return &Error{Kind: ErrConflict, Field: field, Message: msg} }

// Problems is a list of field errors found while validating one value.
type Problems []*Error

func (p Problems) Error() string {
	msgs := make([]string, len(p))
	for i, e := range p {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// Unwrap returns the individual errors so errors.Is and errors.As see them.
func (p Problems) Unwrap() []error {
	errs := make([]error, len(p))
	for i, e := range p {
		errs[i] = e
	}
	return errs
}

// Err returns nil when there are no problems, p otherwise.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return p
}

// add appends an invalid-field problem.
func (p *Problems) add(field, msg string) { *p = append(*p, Invalid(field, msg)) }

// merge appends problems from err (nil, *Error or Problems) under prefix.
func (p *Problems) merge(prefix string, err error) {
	if err == nil {
		return
	}
	var list Problems
	var one *Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = Problems{one}
	default:
		*p = append(*p, Invalid(prefix, err.Error()))
		return
	}
	for _, e := range list {
		f := e.Field
		switch {
		case prefix == "":
		case f == "":
			f = prefix
		default:
			f = prefix + "." + f
		}
		*p = append(*p, &Error{Kind: e.Kind, Field: f, Message: e.Message})
	}
}

// Fields returns the field errors inside err (nil when there are none).
func Fields(err error) []*Error {
	var list Problems
	if errors.As(err, &list) {
		return list
	}
	var one *Error
	if errors.As(err, &one) {
		return []*Error{one}
	}
	return nil
}
