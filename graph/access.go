package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Role is what a signed-in user may do in kinmap.
type Role string

// Roles.
const (
	RoleWorker           Role = "worker"            // their own caseload
	RoleManager          Role = "manager"           // their teams' caseloads
	RoleReviewingOfficer Role = "reviewing_officer" // sibling groups under review
	RoleEvaluator        Role = "evaluator"         // authority-wide counts, never people
	RoleAdmin            Role = "admin"             // everything, tokens, import and export
)

// Roles lists every role.
var Roles = []Role{RoleWorker, RoleManager, RoleReviewingOfficer, RoleEvaluator, RoleAdmin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Principal is the authenticated caller of a request.
type Principal struct {
	User   string   // user name, as in Assignment.Worker
	Role   Role     // one role per principal
	Teams  []string // team ids, as in Assignment.Team
	Method string   // how the caller signed in: MethodToken or MethodOIDC
	// Credential names what the caller signed in with, for the audit
	// trail: "token:ID" (an API token's id) or "oidc:SUBJECT" (the
	// identity provider's subject).
	Credential string
	// IssuedBy is who made the API token, when someone other than User
	// did (an admin's token for a worker); empty otherwise.
	IssuedBy string
}

// ReservedUser reports whether name is reserved for the command line:
// names beginning "cli:" (in any case) are how the trail records the
// operator, so no token or identity provider may hand them out.
func ReservedUser(name string) bool { return strings.HasPrefix(strings.ToLower(name), "cli:") }

// Sign-in methods of a Principal.
const (
	MethodToken = "token" // a kinmap API token
	MethodOIDC  = "oidc"  // a JWT from the OIDC identity provider
)

// InTeam reports whether the principal belongs to team.
func (p Principal) InTeam(team string) bool { return team != "" && slices.Contains(p.Teams, team) }

// Outcomes of an audited request.
const (
	OutcomeAllowed = "allowed"
	OutcomeDenied  = "denied"
	OutcomeError   = "error"
)

// Limits on the fields of access records.
const (
	MaxUserLen      = 256
	MaxRequestIDLen = 128
)

var (
	actionPattern   = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
	audiencePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)
)

// AuditEvent records one access to kinmap: who did what to which child's
// records, and how it ended. It holds ids and codes only, never names or
// other personal data about the people on record.
type AuditEvent struct {
	ID        string    `json:"id"`
	At        time.Time `json:"at"`
	User      string    `json:"user,omitempty"` // empty only for a denied, unauthenticated request
	Role      Role      `json:"role,omitempty"`
	Child     ID        `json:"child,omitempty"`
	Record    ID        `json:"record,omitempty"`   // the record read or changed, when not the child itself
	Action    string    `json:"action"`             // read_network, read_flags, read_map, import, export, ...
	Audience  string    `json:"audience,omitempty"` // maps only: who the map was drawn for
	RequestID string    `json:"request_id,omitempty"`
	Outcome   string    `json:"outcome"` // allowed, denied, error
	Status    int       `json:"status,omitempty"`
	// ForUser is the user a change was made for: the worker a case is
	// allocated to (create_assignment), the user of a new API token
	// (create_token), with the token's role and teams.
	ForUser  string   `json:"for_user,omitempty"`
	ForRole  Role     `json:"for_role,omitempty"`
	ForTeams []string `json:"for_teams,omitempty"`
	// Credential is what the caller signed in with: "token:ID", or
	// "oidc:SUBJECT", or "cli" for the command line.
	Credential string `json:"credential,omitempty"`
	// IssuedBy is who made the API token used, when not its own user.
	IssuedBy string `json:"issued_by,omitempty"`
}

// NewAuditID returns a fresh random audit event id.
func NewAuditID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails (crypto/rand panics instead)
	return "ae-" + hex.EncodeToString(b)
}

// Validate checks an audit event before it is stored.
func (e AuditEvent) Validate() error {
	var probs Problems
	checkID(&probs, "id", e.ID)
	if e.At.IsZero() {
		probs.add("at", "is required")
	}
	switch e.Outcome {
	case OutcomeAllowed, OutcomeDenied, OutcomeError:
	case "":
		probs.add("outcome", "is required")
	default:
		probs.add("outcome", "must be one of allowed, denied, error")
	}
	if e.User == "" && e.Outcome == OutcomeAllowed {
		probs.add("user", "is required when the outcome is allowed")
	}
	checkUser(&probs, "user", e.User)
	checkUser(&probs, "for_user", e.ForUser)
	checkUser(&probs, "credential", e.Credential)
	checkUser(&probs, "issued_by", e.IssuedBy)
	if e.ForRole != "" && !e.ForRole.Valid() {
		probs.add("for_role", "must be one of worker, manager, reviewing_officer, evaluator, admin")
	}
	for i, team := range e.ForTeams {
		if !ValidID(team) {
			probs.add("for_teams["+strconv.Itoa(i)+"]", "is not a valid team id")
		}
	}
	switch {
	case e.Role == "" && e.Outcome == OutcomeAllowed:
		probs.add("role", "is required when the outcome is allowed")
	case e.Role != "" && !e.Role.Valid():
		probs.add("role", "must be one of worker, manager, reviewing_officer, evaluator, admin")
	}
	if e.Child != "" && !ValidID(e.Child) {
		probs.add("child", "is not a valid id")
	}
	if e.Record != "" && !ValidID(e.Record) {
		probs.add("record", "is not a valid id")
	}
	if !actionPattern.MatchString(e.Action) {
		probs.add("action", "must be 1 to 64 lower-case letters, digits or '_', starting with a letter")
	}
	if e.Audience != "" && !audiencePattern.MatchString(e.Audience) {
		probs.add("audience", "must be 1 to 32 lower-case letters, digits or '_', starting with a letter")
	}
	if len(e.RequestID) > MaxRequestIDLen || !printableASCII(e.RequestID) {
		probs.add("request_id", "must be at most 128 printable ASCII characters")
	}
	if e.Status != 0 && (e.Status < 100 || e.Status > 599) {
		probs.add("status", "must be an HTTP status between 100 and 599")
	}
	return probs.Err()
}

// AuditFilter selects audit events. Empty fields do not filter; From is
// inclusive, To exclusive; Limit 0 means DefaultAuditLimit. After, when
// set, leaves out the events up to and including the one it names.
type AuditFilter struct {
	Child ID
	User  string
	From  time.Time
	To    time.Time
	Limit int
	After AuditCursor
}

// AuditCursor names the last audit event a reader has seen. Events are
// read in order of time, then id; a read after the cursor starts with the
// next one, so neither repeats nor skips events recorded at one time.
type AuditCursor struct {
	At time.Time
	ID string
}

// IsZero reports whether c names no event.
func (c AuditCursor) IsZero() bool { return c.At.IsZero() && c.ID == "" }

// Limits on the number of audit events one read returns.
const (
	DefaultAuditLimit = 1000
	MaxAuditLimit     = 10000
)

// Validate checks a filter.
func (f AuditFilter) Validate() error {
	var probs Problems
	if f.Child != "" && !ValidID(f.Child) {
		probs.add("child", "is not a valid id")
	}
	checkUser(&probs, "user", f.User)
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		probs.add("to", "must be after from")
	}
	if f.Limit < 0 || f.Limit > MaxAuditLimit {
		probs.add("limit", "must be between 0 and 10000")
	}
	if !f.After.IsZero() && (f.After.At.IsZero() || !ValidID(f.After.ID)) {
		probs.add("after", "must name an event by its time and id")
	}
	return probs.Err()
}

// APIToken describes a kinmap API token. The token itself is shown once,
// when it is made; kinmap keeps only its hash, and that hash is not part
// of this type.
type APIToken struct {
	ID      string    `json:"id"`
	User    string    `json:"user"`
	Role    Role      `json:"role"`
	Teams   []string  `json:"teams,omitempty"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires,omitzero"` // zero: never
	Revoked time.Time `json:"revoked,omitzero"` // zero: not revoked
	// CreatedBy is who made the token: an admin's user name, or
	// "cli:OPERATOR" for the command line; empty for older tokens.
	CreatedBy string `json:"created_by,omitempty"`
}

// ActiveAt reports whether the token may be used at t: not revoked by
// then and not expired.
func (t APIToken) ActiveAt(at time.Time) bool {
	if !t.Revoked.IsZero() && !at.Before(t.Revoked) {
		return false
	}
	return t.Expires.IsZero() || at.Before(t.Expires)
}

// Validate checks a new token's description.
func (t APIToken) Validate() error {
	var probs Problems
	checkID(&probs, "id", t.ID)
	if t.User == "" {
		probs.add("user", "is required")
	}
	checkUser(&probs, "user", t.User)
	if ReservedUser(t.User) {
		probs.add("user", "must not begin with cli:, which is reserved for the command line")
	}
	checkUser(&probs, "created_by", t.CreatedBy)
	switch {
	case t.Role == "":
		probs.add("role", "is required")
	case !t.Role.Valid():
		probs.add("role", "must be one of worker, manager, reviewing_officer, evaluator, admin")
	}
	for i, team := range t.Teams {
		if !ValidID(team) {
			probs.add("teams["+strconv.Itoa(i)+"]", "is not a valid team id")
		}
	}
	if t.Created.IsZero() {
		probs.add("created", "is required")
	}
	if !t.Expires.IsZero() && !t.Expires.After(t.Created) {
		probs.add("expires", "must be after created")
	}
	if !t.Revoked.IsZero() {
		probs.add("revoked", "must be empty on a new token")
	}
	return probs.Err()
}

// checkUser checks a user name: at most MaxUserLen characters of valid
// UTF-8, without control characters (it ends up in logs).
func checkUser(p *Problems, field, s string) {
	switch {
	case !utf8.ValidString(s):
		p.add(field, "must be valid UTF-8")
	case utf8.RuneCountInString(s) > MaxUserLen:
		p.add(field, fmt.Sprintf("is longer than %d characters", MaxUserLen))
	case slices.ContainsFunc([]rune(s), unicode.IsControl):
		p.add(field, "must not contain control characters")
	}
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// WriteScope is the scope of the user making a change, as the store needs
// it to keep the scope rule: no write by a user brings into that user's
// scope a record that was outside it, other than the records the write
// itself creates. The scope is the networks (as Network builds them) of
// Children, plus the people and households attached to nothing yet
// (which any worker or manager may read and link). A change carrying a
// WriteScope in its context is checked inside its own transaction and
// refused (ScopeRefusal, nothing written) when it would widen the scope.
type WriteScope struct {
	Children []ID // the children whose networks the user may see
	Today    Date // the day the scope is worked out for; zero means today
}

type writeScopeKey struct{}

// WithWriteScope returns ctx carrying the writer's scope.
func WithWriteScope(ctx context.Context, ws WriteScope) context.Context {
	return context.WithValue(ctx, writeScopeKey{}, ws)
}

// WriteScopeFrom returns the writer's scope carried by ctx, if any.
func WriteScopeFrom(ctx context.Context) (WriteScope, bool) {
	ws, ok := ctx.Value(writeScopeKey{}).(WriteScope)
	return ws, ok
}

// ScopeRefusal is a change refused by the scope rule. To the client it is
// a not-found error naming the field (whether the records exist is not
// told); the audit trail records it as denied.
type ScopeRefusal struct{ Err *Error }

func (e *ScopeRefusal) Error() string { return e.Err.Error() }
func (e *ScopeRefusal) Unwrap() error { return e.Err }

// RefuseScope returns the ScopeRefusal of a change whose field would
// bring records outside the writer's scope into it.
func RefuseScope(field string) *ScopeRefusal {
	return &ScopeRefusal{Err: NotFound(field, "would link records outside your caseload's networks into them; "+
		"the other child's worker or a manager of their team can record it")}
}
