package neo4jstore_test

import (
	"slices"
	"testing"

	"github.com/kinmap/kinmap/internal/neo4jtest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestApplySchemaRestoresAMissingIndex: the one-query check that the
// schema is in place notices an index that is gone, and the schema is
// applied again.
func TestApplySchemaRestoresAMissingIndex(t *testing.T) {
	s, ctx := fresh(t)
	names := func() []string {
		res, err := neo4j.ExecuteQuery(ctx, neo4jtest.Driver(), "SHOW INDEXES YIELD name RETURN collect(name) AS names", nil,
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j"))
		if err != nil {
			t.Fatalf("show indexes: %v", err)
		}
		v, _ := res.Records[0].Get("names")
		var out []string
		for _, n := range v.([]any) {
			out = append(out, n.(string))
		}
		return out
	}
	if _, err := neo4j.ExecuteQuery(ctx, neo4jtest.Driver(), "DROP INDEX connected_kind", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j")); err != nil {
		t.Fatalf("drop index: %v", err)
	}
	if slices.Contains(names(), "connected_kind") {
		t.Fatal("the index is still there after DROP INDEX")
	}
	if err := s.ApplySchema(ctx); err != nil {
		t.Fatalf("ApplySchema: %v", err)
	}
	if !slices.Contains(names(), "connected_kind") {
		t.Errorf("ApplySchema did not restore connected_kind: indexes %v", names())
	}
}

// Once the schema is applied, the next start finds it in place (one
// query, nothing run); an index the schema drops, made again, is found
// and dropped by the next ApplySchema.
func TestApplySchemaOnceInPlaceRunsNothing(t *testing.T) {
	s, ctx := fresh(t)
	if !s.SchemaOnline(ctx) {
		t.Fatal("the schema is not found in place right after ApplySchema: every start applies it again")
	}
	if _, err := neo4j.ExecuteQuery(ctx, neo4jtest.Driver(), "CREATE INDEX contact_date IF NOT EXISTS FOR ()-[k:CONTACT]-() ON (k.date)", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j")); err != nil {
		t.Fatalf("create index: %v", err)
	}
	if s.SchemaOnline(ctx) {
		t.Error("the schema is found in place with an index it drops")
	}
	if err := s.ApplySchema(ctx); err != nil {
		t.Fatalf("ApplySchema: %v", err)
	}
	if !s.SchemaOnline(ctx) {
		t.Error("the schema is not in place after ApplySchema dropped the index")
	}
}
