package api

import (
	"context"
	"io"
	"time"

	"github.com/kinmap/kinmap/graph"
)

// The API's needs of storage, one small interface per handler group,
// declared here where they are used (auth.TokenLookup is the model).
// *neo4jstore.Store satisfies them all (store_test.go checks), and New
// takes one value that does (Store).

// Pinger answers whether storage can be reached (/readyz).
type Pinger interface {
	Ping(ctx context.Context) error
}

// RecordStore reads and changes records one at a time: people, homes,
// residences and moves, relationships, contacts, assignments
// (handlers_records.go, handlers_relationships.go, handlers_move.go,
// handlers_children.go and the web forms).
type RecordStore interface {
	CreatePerson(ctx context.Context, p graph.Person) error
	Person(ctx context.Context, id graph.ID) (graph.Person, error)
	UpdatePerson(ctx context.Context, p graph.Person) error
	CreateHousehold(ctx context.Context, h graph.Household) error
	Household(ctx context.Context, id graph.ID) (graph.Household, error)
	UpdateHousehold(ctx context.Context, h graph.Household) error
	CreateResidence(ctx context.Context, r graph.Residence) error
	Residence(ctx context.Context, id graph.ID) (graph.Residence, error)
	EndResidence(ctx context.Context, id graph.ID, until graph.Date) error
	Move(ctx context.Context, r graph.Residence) ([]graph.ID, error)
	CreateRelationship(ctx context.Context, r graph.Relationship) error
	Relationship(ctx context.Context, id graph.ID) (graph.Relationship, error)
	// UpdateRelationship keeps the replaced details in the relationship's
	// history as they held until the day before effective.
	UpdateRelationship(ctx context.Context, r graph.Relationship, effective graph.Date) error
	EndRelationship(ctx context.Context, id graph.ID, until graph.Date) error
	CreateContact(ctx context.Context, c graph.Contact) error
	Contact(ctx context.Context, id graph.ID) (graph.Contact, error)
	CreateAssignment(ctx context.Context, a graph.Assignment) error
	Assignment(ctx context.Context, id graph.ID) (graph.Assignment, error)
	EndAssignment(ctx context.Context, id graph.ID, until graph.Date) error
	assessmentStore // handlers_assessments.go
	planStore       // handlers_plan.go
}

// NetworkStore reads networks as of a date, the snapshots the analyses,
// maps and reports work on (handlers_children.go, handlers_analysis.go,
// handlers_maps.go, the web pages), and the stored records' version.
type NetworkStore interface {
	Children(ctx context.Context, within []graph.ID, offset, limit int) ([]graph.ChildSummary, int, error)
	Network(ctx context.Context, child graph.ID, asOf graph.Date) (*graph.Network, error)
	// Networks is Network for several children in one query (a child
	// with no record is left out).
	Networks(ctx context.Context, children []graph.ID, asOf graph.Date) (map[graph.ID]*graph.Network, error)
	SiblingNetwork(ctx context.Context, child graph.ID, asOf graph.Date) (*graph.Network, error)
	Authority(ctx context.Context, asOf graph.Date) (*graph.Network, error)
	// ReportAuthority is the authority as the sibling placement report
	// reads it: a compact projection, not every record.
	ReportAuthority(ctx context.Context, asOf graph.Date) (*graph.Network, error)
	// ReportAuthoritySeries is the authority as a report series up to a
	// date reads it (analysis.SeriesReport), in one load.
	ReportAuthoritySeries(ctx context.Context, to graph.Date) (*graph.Network, error)
	// Version names the stored records' state: every change bumps it.
	Version(ctx context.Context) (string, error)
}

// DocumentStore imports and exports whole documents (admin).
type DocumentStore interface {
	Import(ctx context.Context, d *graph.Document) (graph.ImportSummary, error)
	// ImportStream imports a document it reads twice (check, then write).
	ImportStream(ctx context.Context, open func() (io.ReadCloser, error), size int64, progress func(phase string, done, total int64)) (graph.ImportSummary, error)
	// PrepareReportProjection stores the report's projection of the
	// records as they now are, for the reports after an import.
	PrepareReportProjection(ctx context.Context) error
	Export(ctx context.Context) (*graph.Document, error)
	// ExportStream writes what Export returns, as graph.WriteDocument
	// would, a page at a time.
	ExportStream(ctx context.Context, w io.Writer, indent string, done func(records int)) error
}

// ScopeStore answers the access check's questions: whose caseload holds
// which children, and in whose networks a record lies (scope.go).
type ScopeStore interface {
	Caseload(ctx context.Context, user string, day graph.Date) ([]graph.ID, error)
	TeamCaseload(ctx context.Context, teams []string, day graph.Date) ([]graph.ID, error)
	ScopeChildren(ctx context.Context, children []graph.ID, id graph.ID, kind string, asOf graph.Date) ([]graph.ID, error)
	Unattached(ctx context.Context, id graph.ID, kind string) (bool, error)
	Unallocated(ctx context.Context, id graph.ID, day graph.Date) (bool, error)
}

// AuditStore appends to and reads the audit trail (audit.go,
// auditbatch.go, handlers_admin.go).
type AuditStore interface {
	AppendAudit(ctx context.Context, e graph.AuditEvent) error
	Audit(ctx context.Context, f graph.AuditFilter) ([]graph.AuditEvent, error)
}

// TokenStore keeps API tokens (handlers_admin.go, the web token page).
type TokenStore interface {
	CreateToken(ctx context.Context, t graph.APIToken, hash []byte) error
	RevokeToken(ctx context.Context, id string, at time.Time) error
	Tokens(ctx context.Context) ([]graph.APIToken, error)
}

// Store is all of the above: what New takes, so that one value wires the
// server.
type Store interface {
	Pinger
	RecordStore
	NetworkStore
	DocumentStore
	ScopeStore
	AuditStore
	TokenStore
}
