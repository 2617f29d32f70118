package auth

import "errors"

// ErrUnauthenticated is wrapped by every error Authenticate returns.
var ErrUnauthenticated = errors.New("unauthenticated")

// ErrNoRole is wrapped, besides ErrUnauthenticated, when the credentials
// are good but carry no kinmap role: the API may answer 403 rather than
// 401.
var ErrNoRole = errors.New("no kinmap role")

// Error is an authentication failure. Reason is a fixed phrase for logs:
// it never holds the credential, claim values or personal data.
type Error struct {
	Reason string
	kind   error // ErrNoRole, graph.ErrUnavailable or nil
}

func (e *Error) Error() string { return "unauthenticated: " + e.Reason }

// Unwrap lets errors.Is match ErrUnauthenticated and, where it applies,
// ErrNoRole or graph.ErrUnavailable.
func (e *Error) Unwrap() []error {
	if e.kind != nil {
		return []error{ErrUnauthenticated, e.kind}
	}
	return []error{ErrUnauthenticated}
}

func fail(reason string) error { return &Error{Reason: reason} }

func failKind(reason string, kind error) error { return &Error{Reason: reason, kind: kind} }
