package api_test

import (
	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// The store satisfies every interface the API declares of it.
var (
	_ api.Pinger        = (*neo4jstore.Store)(nil)
	_ api.RecordStore   = (*neo4jstore.Store)(nil)
	_ api.NetworkStore  = (*neo4jstore.Store)(nil)
	_ api.DocumentStore = (*neo4jstore.Store)(nil)
	_ api.ScopeStore    = (*neo4jstore.Store)(nil)
	_ api.AuditStore    = (*neo4jstore.Store)(nil)
	_ api.TokenStore    = (*neo4jstore.Store)(nil)
	_ api.MapStore      = (*neo4jstore.Store)(nil)
	_ api.Store         = (*neo4jstore.Store)(nil)
	_ auth.TokenLookup  = (*neo4jstore.Store)(nil)
)
