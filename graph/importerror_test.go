package graph_test

import (
	"errors"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

func TestImportIncompleteSaysHowFarItGot(t *testing.T) {
	cause := &graph.Error{Kind: graph.ErrUnavailable, Message: "neo4j gone"}
	e := &graph.ImportIncompleteError{Batch: 7, Batches: 12, Records: 3000, Err: cause}
	want := "batch 7 of 12 failed; batches 1-6 (3000 records) stored; re-run the import to complete it"
	if e.Message() != want {
		t.Errorf("Message() = %q, want %q", e.Message(), want)
	}
	if !errors.Is(e, graph.ErrUnavailable) {
		t.Errorf("errors.Is(ImportIncompleteError, ErrUnavailable) = false")
	}
	first := &graph.ImportIncompleteError{Batch: 1, Batches: 3, Err: cause}
	if got := first.Message(); got != "batch 1 of 3 failed; nothing is stored; re-run the import" {
		t.Errorf("first batch: Message() = %q", got)
	}
}
