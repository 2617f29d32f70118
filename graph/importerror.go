package graph

import "fmt"

// ImportIncompleteError is a batched import that failed part-way: batches
// 1 to Batch-1 (Records records) are stored, batch Batch and the rest are
// not. Imports merge by id, so running the same import again completes
// it without duplicates. Err is the failure (errors.Is reaches its kind,
// ErrUnavailable for a lost Neo4j).
type ImportIncompleteError struct {
	Batch   int // the batch that failed, from 1
	Batches int // how many batches the import has
	Records int // records stored by the batches before Batch
	Err     error
}

// Message says how far the import got and what to do, without the cause.
func (e *ImportIncompleteError) Message() string {
	if e.Batch <= 1 {
		return fmt.Sprintf("batch 1 of %d failed; nothing is stored; re-run the import", e.Batches)
	}
	done := "batch 1"
	if e.Batch > 2 {
		done = fmt.Sprintf("batches 1-%d", e.Batch-1)
	}
	return fmt.Sprintf("batch %d of %d failed; %s (%d records) stored; re-run the import to complete it",
		e.Batch, e.Batches, done, e.Records)
}

func (e *ImportIncompleteError) Error() string { return e.Message() + ": " + e.Err.Error() }
func (e *ImportIncompleteError) Unwrap() error { return e.Err }
