package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestImportIsAuditedInItsOwnTransaction: the cli_import event is written
// in the import's transaction (batched: the first), and only once.
func TestImportIsAuditedInItsOwnTransaction(t *testing.T) {
	neo4jtest.Reset(t)
	doc, err := fixtures.All()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	store, err := neo4jstore.New(ctx, neo4jtest.Driver())
	if err != nil {
		t.Fatal(err)
	}
	store.SetBatching(10, 10)
	cctx, change := cliChange(ctx, []string{"import", "doc.json"})
	if _, err := store.Import(cctx, &doc); err != nil {
		t.Fatalf("Import: %v", err)
	}
	if !change.Committed() {
		t.Fatalf("the import committed without carrying its cli_import event")
	}
	if err := auditCLI(ctx, &env{store: store}, []string{"import", "doc.json"}, nil, change); err != nil {
		t.Fatalf("auditCLI: %v", err)
	}
	events, err := store.Audit(ctx, graph.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Action != "cli_import" || events[0].Outcome != graph.OutcomeAllowed {
		t.Errorf("audit trail after an import: %+v, want one cli_import allowed", events)
	}

	// Through the command line: one event per import.
	in := filepath.Join(t.TempDir(), "in.json")
	b, _ := json.Marshal(doc)
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := kinmap(t, "import", in); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	if events, _ = store.Audit(ctx, graph.AuditFilter{}); len(events) != 2 || events[1].Action != "cli_import" {
		t.Errorf("audit trail after a second import: %+v, want two cli_import events", events)
	}
}
