package api

import (
	"context"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// BenchmarkAuditAppend appends audit events from 8 goroutines per CPU,
// each waiting for its own, each in its own transaction (direct, as with
// KINMAP_AUDIT_BATCH=1) or grouped (batched).
func BenchmarkAuditAppend(b *testing.B) {
	store, err := neo4jstore.New(context.Background(), neo4jtest.Driver())
	if err != nil {
		b.Fatal(err)
	}
	batcher := newAuditBatcher(store, defaultAuditBatch, nil)
	for _, bc := range []struct {
		name   string
		append func(context.Context, graph.AuditEvent) error
	}{{"direct", store.AppendAudit}, {"batched", batcher.append}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				ctx := context.Background()
				for i := 0; pb.Next(); i++ {
					if err := bc.append(ctx, batchEvent("worker-bench", i)); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
