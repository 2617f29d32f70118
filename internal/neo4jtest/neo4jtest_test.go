package neo4jtest_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/internal/neo4jtest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Run(m)) }

func TestResetAndCounts(t *testing.T) {
	if u := neo4jtest.URI(); !strings.HasPrefix(u, "bolt://") {
		t.Fatalf("URI() = %q, want bolt://...", u)
	}
	neo4jtest.Reset(t)
	if n, r := neo4jtest.Counts(t); n != 0 || r != 0 {
		t.Fatalf("after Reset: %d nodes, %d rels; want 0, 0", n, r)
	}

	_, err := neo4j.ExecuteQuery(context.Background(), neo4jtest.Driver(),
		"CREATE (:Person {name: $a})-[:PARENT_OF]->(:Person {name: $b})",
		map[string]any{"a": "Ada", "b": "Byron"}, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase("neo4j"))
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if n, r := neo4jtest.Counts(t); n != 2 || r != 1 {
		t.Fatalf("after create: %d nodes, %d rels; want 2, 1", n, r)
	}

	neo4jtest.Reset(t)
	if n, r := neo4jtest.Counts(t); n != 0 || r != 0 {
		t.Fatalf("after second Reset: %d nodes, %d rels; want 0, 0", n, r)
	}
}
