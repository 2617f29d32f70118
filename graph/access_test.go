package graph_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph"
)

func TestRoleValid(t *testing.T) {
	for _, r := range graph.Roles {
		if !r.Valid() {
			t.Errorf("%q.Valid(): got false, want true", r)
		}
	}
	for _, r := range []graph.Role{"", "Worker", "root", "reviewing officer"} {
		if r.Valid() {
			t.Errorf("%q.Valid(): got true, want false", r)
		}
	}
}

var accessAt = time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)

func okEvent() graph.AuditEvent {
	return graph.AuditEvent{ID: "ae-1", At: accessAt, User: "worker-a", Role: graph.RoleWorker, Child: "t-ava",
		Action: "read_map", Audience: "child", RequestID: "abc123", Outcome: graph.OutcomeAllowed, Status: 200}
}

func TestAuditEventValidate(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(e *graph.AuditEvent)
		fields []string // fields with problems; none means valid
	}{
		{"valid", func(e *graph.AuditEvent) {}, nil},
		{"denied without user", func(e *graph.AuditEvent) { e.User, e.Role, e.Outcome, e.Status = "", "", graph.OutcomeDenied, 401 }, nil},
		{"no child", func(e *graph.AuditEvent) { e.Child, e.Action, e.Audience = "", "export", "" }, nil},
		{"missing id and time", func(e *graph.AuditEvent) { e.ID, e.At = "", time.Time{} }, []string{"id", "at"}},
		{"allowed without user or role", func(e *graph.AuditEvent) { e.User, e.Role = "", "" }, []string{"user", "role"}},
		{"unknown role", func(e *graph.AuditEvent) { e.Role = "root" }, []string{"role"}},
		{"bad outcome", func(e *graph.AuditEvent) { e.Outcome = "maybe" }, []string{"outcome"}},
		{"no outcome", func(e *graph.AuditEvent) { e.Outcome = "" }, []string{"outcome"}},
		{"child is not an id", func(e *graph.AuditEvent) { e.Child = "Ava Testperson" }, []string{"child"}},
		{"free text action", func(e *graph.AuditEvent) { e.Action = "read the map of Ava" }, []string{"action"}},
		{"no action", func(e *graph.AuditEvent) { e.Action = "" }, []string{"action"}},
		{"bad audience", func(e *graph.AuditEvent) { e.Audience = "Mum's copy" }, []string{"audience"}},
		{"control character in user", func(e *graph.AuditEvent) { e.User = "worker\nforged log line" }, []string{"user"}},
		{"long user", func(e *graph.AuditEvent) { e.User = strings.Repeat("u", graph.MaxUserLen+1) }, []string{"user"}},
		{"bad request id", func(e *graph.AuditEvent) { e.RequestID = "a\x00b" }, []string{"request_id"}},
		{"bad status", func(e *graph.AuditEvent) { e.Status = 42 }, []string{"status"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := okEvent()
			tt.edit(&e)
			checkFields(t, e.Validate(), tt.fields)
		})
	}
}

func TestAuditFilterValidate(t *testing.T) {
	tests := []struct {
		name   string
		f      graph.AuditFilter
		fields []string
	}{
		{"empty", graph.AuditFilter{}, nil},
		{"all", graph.AuditFilter{Child: "t-ava", User: "worker-a", From: accessAt, To: accessAt.Add(time.Hour), Limit: 10}, nil},
		{"to before from", graph.AuditFilter{From: accessAt, To: accessAt}, []string{"to"}},
		{"bad child", graph.AuditFilter{Child: "no such id!"}, []string{"child"}},
		{"negative limit", graph.AuditFilter{Limit: -1}, []string{"limit"}},
		{"huge limit", graph.AuditFilter{Limit: graph.MaxAuditLimit + 1}, []string{"limit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFields(t, tt.f.Validate(), tt.fields) })
	}
}

func TestAPITokenValidateAndActive(t *testing.T) {
	ok := graph.APIToken{ID: "tok-1", User: "worker-a", Role: graph.RoleWorker, Teams: []string{"team-north"}, Created: accessAt}
	tests := []struct {
		name   string
		edit   func(k *graph.APIToken)
		fields []string
	}{
		{"valid", func(k *graph.APIToken) {}, nil},
		{"valid with expiry", func(k *graph.APIToken) { k.Expires = accessAt.Add(time.Hour) }, nil},
		{"missing everything", func(k *graph.APIToken) { *k = graph.APIToken{} }, []string{"id", "user", "role", "created"}},
		{"unknown role", func(k *graph.APIToken) { k.Role = "superuser" }, []string{"role"}},
		{"bad team", func(k *graph.APIToken) { k.Teams = []string{"ok", "not ok"} }, []string{"teams[1]"}},
		{"expires before created", func(k *graph.APIToken) { k.Expires = accessAt }, []string{"expires"}},
		{"already revoked", func(k *graph.APIToken) { k.Revoked = accessAt }, []string{"revoked"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := ok
			tt.edit(&k)
			checkFields(t, k.Validate(), tt.fields)
		})
	}

	active := []struct {
		name string
		tok  graph.APIToken
		at   time.Time
		want bool
	}{
		{"fresh", ok, accessAt, true},
		{"before expiry", graph.APIToken{Expires: accessAt.Add(time.Hour)}, accessAt, true},
		{"at expiry", graph.APIToken{Expires: accessAt}, accessAt, false},
		{"revoked later", graph.APIToken{Revoked: accessAt.Add(time.Hour)}, accessAt, true},
		{"revoked now", graph.APIToken{Revoked: accessAt}, accessAt, false},
	}
	for _, tt := range active {
		if got := tt.tok.ActiveAt(tt.at); got != tt.want {
			t.Errorf("%s: ActiveAt: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNewAuditID(t *testing.T) {
	a, b := graph.NewAuditID(), graph.NewAuditID()
	if a == b || !graph.ValidID(a) || !graph.ValidID(b) {
		t.Errorf("NewAuditID: got %q and %q, want two different valid ids", a, b)
	}
}

// checkFields checks that err names exactly the fields want (in order),
// each wrapping ErrInvalid; no fields means err must be nil.
func checkFields(t *testing.T, err error, want []string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("got %v, want no error", err)
		}
		return
	}
	if !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("got %v, want ErrInvalid", err)
	}
	var got []string
	for _, f := range graph.Fields(err) {
		got = append(got, f.Field)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("fields: got %v, want %v (%v)", got, want, err)
	}
}
