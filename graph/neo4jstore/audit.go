package neo4jstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The audit log is append-only: there is a query to create an event and
// queries to read them, and deliberately none to change or remove one.
// Each read query filters on at most one indexed property besides the
// time range, so the planner can use the index (an "$x IS NULL OR" filter
// would scan every event).
const (
	auditAppend     = "CREATE (e:AuditEvent) SET e = $props"
	auditAppendMany = "UNWIND $rows AS props CREATE (e:AuditEvent) SET e = props"

	auditReturn = `
RETURN e{.*} AS e ORDER BY e.at, e.id LIMIT $limit`

	// auditAfter leaves out the events up to the cursor: $from is at
	// least the cursor's time, so the events at that time are left out
	// up to its id ($afterID "" when there is no cursor).
	auditAfter = ` AND (e.at > $afterAt OR e.id > $afterID)`

	auditAll = `
MATCH (e:AuditEvent) WHERE e.at >= $from AND e.at < $to` + auditAfter + auditReturn

	auditByChild = `
MATCH (e:AuditEvent {child: $child}) WHERE e.at >= $from AND e.at < $to` + auditAfter + auditReturn

	auditByUser = `
MATCH (e:AuditEvent {user: $user}) WHERE e.at >= $from AND e.at < $to` + auditAfter + auditReturn

	auditByChildUser = `
MATCH (e:AuditEvent {child: $child}) WHERE e.user = $user AND e.at >= $from AND e.at < $to` + auditAfter + auditReturn
)

// Bounds used for an open-ended time range.
var (
	auditMinTime = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	auditMaxTime = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// AppendAudit stores one audit event. Events are never changed or
// removed; an event id can be used once (ErrConflict otherwise).
func (s *Store) AppendAudit(ctx context.Context, e graph.AuditEvent) error {
	if err := e.Validate(); err != nil {
		return err
	}
	// A separate event never carries the change's event along.
	ctx = graph.WithChangeAudit(ctx, nil)
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		_, err := collect(ctx, tx, auditAppend, map[string]any{"props": map[string]any(auditProps(e))})
		return nil, err
	})
	return err
}

// AppendAudits stores several audit events in one transaction: all or
// none. Nothing is written when one is invalid.
func (s *Store) AppendAudits(ctx context.Context, events []graph.AuditEvent) error {
	rows := make([]any, len(events))
	for i, e := range events {
		if err := e.Validate(); err != nil {
			return fmt.Errorf("audit event %d: %w", i, err)
		}
		rows[i] = map[string]any(auditProps(e))
	}
	ctx = graph.WithChangeAudit(ctx, nil)
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		_, err := collect(ctx, tx, auditAppendMany, map[string]any{"rows": rows})
		return nil, err
	})
	return err
}

// withChangeAudit returns work followed, in the same transaction, by the
// append of a's event (work itself when a is nil or has been committed
// by an earlier transaction). The driver may run the result more than
// once; only the attempt that commits leaves its event, so a committed
// change has exactly one.
func withChangeAudit[T any](ctx context.Context, a *graph.ChangeAudit, work neo4j.ManagedTransactionWorkT[T]) neo4j.ManagedTransactionWorkT[T] {
	if a == nil || a.Committed() {
		return work
	}
	return func(tx neo4j.ManagedTransaction) (T, error) {
		var zero T
		out, err := work(tx)
		if err != nil {
			return zero, err
		}
		e := a.Build()
		if err := e.Validate(); err != nil {
			// A bug, not bad input: the change is refused with a 500.
			return zero, fmt.Errorf("the change's audit event is invalid (%s)", strings.Join(fieldNames(err), ", "))
		}
		if _, err := collect(ctx, tx, auditAppend, map[string]any{"props": map[string]any(auditProps(e))}); err != nil {
			return zero, err
		}
		return out, nil
	}
}

func fieldNames(err error) []string {
	var out []string
	for _, f := range graph.Fields(err) {
		out = append(out, f.Field)
	}
	return out
}

// Audit returns the audit events the filter selects, oldest first (by
// time, then id), at most f.Limit of them (DefaultAuditLimit when 0).
func (s *Store) Audit(ctx context.Context, f graph.AuditFilter) ([]graph.AuditEvent, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	params := map[string]any{"from": auditMinTime, "to": auditMaxTime, "limit": f.Limit,
		"child": f.Child, "user": f.User}
	if !f.From.IsZero() {
		params["from"] = f.From.UTC()
	}
	if !f.To.IsZero() {
		params["to"] = f.To.UTC()
	}
	if f.Limit == 0 {
		params["limit"] = graph.DefaultAuditLimit
	}
	params["afterAt"], params["afterID"] = auditMinTime, ""
	if !f.After.IsZero() {
		params["afterAt"], params["afterID"] = f.After.At.UTC(), f.After.ID
		if from := params["from"].(time.Time); from.Before(f.After.At) {
			params["from"] = f.After.At.UTC()
		}
	}
	query := auditAll
	switch {
	case f.Child != "" && f.User != "":
		query = auditByChildUser
	case f.Child != "":
		query = auditByChild
	case f.User != "":
		query = auditByUser
	}
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]graph.AuditEvent, error) {
		recs, err := collect(ctx, tx, query, params)
		if err != nil {
			return nil, err
		}
		events := make([]graph.AuditEvent, 0, len(recs))
		for _, rec := range recs {
			v, _ := rec.Get("e")
			events = append(events, auditFrom(asRow(v)))
		}
		return events, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func auditProps(e graph.AuditEvent) props {
	m := props{"id": e.ID, "at": e.At.UTC()}
	m.str("user", e.User)
	m.str("role", string(e.Role))
	m.str("child", e.Child)
	m.str("record", e.Record)
	m.str("action", e.Action)
	m.str("audience", e.Audience)
	m.str("request_id", e.RequestID)
	m.str("outcome", e.Outcome)
	m.str("for_user", e.ForUser)
	m.str("for_role", string(e.ForRole))
	if len(e.ForTeams) > 0 {
		m["for_teams"] = e.ForTeams
	}
	m.str("credential", e.Credential)
	m.str("issued_by", e.IssuedBy)
	if e.Status != 0 {
		m["status"] = int64(e.Status)
	} else {
		m["status"] = nil
	}
	return m
}

func auditFrom(r row) graph.AuditEvent {
	status, _ := r["status"].(int64)
	return graph.AuditEvent{ID: r.str("id"), At: rowTime(r, "at"), User: r.str("user"), Role: graph.Role(r.str("role")),
		Child: r.str("child"), Record: r.str("record"), Action: r.str("action"), Audience: r.str("audience"),
		RequestID: r.str("request_id"), Outcome: r.str("outcome"), Status: int(status), ForUser: r.str("for_user"),
		ForRole: graph.Role(r.str("for_role")), ForTeams: rowStrings(r, "for_teams"), Credential: r.str("credential"), IssuedBy: r.str("issued_by")}
}

// rowTime reads a DATETIME property as a UTC time (zero when absent).
func rowTime(r row, k string) time.Time {
	if t, ok := r[k].(time.Time); ok {
		return t.UTC()
	}
	return time.Time{}
}

// rowStrings reads a list of strings (nil when absent).
func rowStrings(r row, k string) []string {
	list, _ := r[k].([]any)
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
