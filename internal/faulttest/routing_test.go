package faulttest

import (
	"context"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// TestRoutingScheme: kinmap reaches Neo4j through a neo4j:// URI (the
// scheme of a cluster or Aura: the driver asks the server for a routing
// table, which a single instance answers too), and a read right after a
// write, in another session, sees it (the store's bookmark manager).
func TestRoutingScheme(t *testing.T) {
	s := openStore(t, "neo4j")
	ctx := context.Background()
	for i, id := range []graph.ID{"route-1", "route-2", "route-3"} {
		doc := graph.Document{Format: graph.Format, Records: graph.Records{People: []graph.Person{{ID: id, FullName: "Routed Person"}}}}
		if _, err := s.Import(ctx, &doc); err != nil {
			t.Fatalf("write %d over neo4j://: %v", i, err)
		}
		p, err := s.Person(ctx, id)
		if err != nil || p.ID != id {
			t.Fatalf("read after write %d over neo4j://: %+v, %v", i, p, err)
		}
	}
}
