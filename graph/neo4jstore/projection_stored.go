package neo4jstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The report's projection is kept in Neo4j under the store version it is
// of, as (:ReportProjection) nodes, one per page: so the first report of
// a state of the records in any kinmap process (a command-line run, a
// server just started, another server on the same Neo4j) decodes it
// instead of reading the whole authority again, and an import leaves it
// made for the reports after it (PrepareReportProjection). It is a copy
// of what the records say, made from them; a write moves the store
// version, after which the stored projection no longer matches and the
// next report reads the records again and stores their new projection.
// Writing it is bookkeeping (version.go): it changes no record, so it
// bumps no version and is not audited.
const (
	projectionLoad = `MATCH (s:ReportProjection {version: $version})
RETURN s.part AS part, s.parts AS parts, s.data AS data`
	// projectionDrop removes the projections of other versions (and, with
	// $version null, every one: ForgetReportProjection).
	projectionDrop = `MATCH (s:ReportProjection) WHERE $version IS NULL OR s.version <> $version DETACH DELETE s`
	// projectionPart stores one page; key is version and part, unique, so
	// that two processes storing the same projection at once store it once.
	projectionPart = `MERGE (s:ReportProjection {key: $key})
SET s.version = $version, s.part = $part, s.parts = $parts, s.data = $data`
)

// projection returns the report's projection of the records as they are
// now: the stored one when it is of the current store version, else read
// from the records (loadProjection) and stored. In one process, one
// reading at a time: a report that waits for another's reading finds
// its projection stored.
func (s *Store) projection(ctx context.Context) (encodedProjection, error) {
	if p, ok, err := s.storedProjection(ctx); err != nil || ok {
		return p, err
	}
	gate := s.projectionGate()
	select {
	case gate <- struct{}{}:
		defer func() { <-gate }()
	case <-ctx.Done():
		return encodedProjection{}, ctx.Err()
	}
	if p, ok, err := s.storedProjection(ctx); err != nil || ok {
		return p, err
	}
	p, version, err := s.loadProjection(ctx)
	if err != nil || version == "" {
		return p, err
	}
	// A projection that could not be stored is still right: the report
	// goes on, and the failure is counted with the store's other errors
	// (bookkeep).
	_ = s.saveProjection(ctx, version, p)
	return p, nil
}

// projectionGate is the one-reading-at-a-time gate of projection.
func (s *Store) projectionGate() chan struct{} {
	s.gateOnce.Do(func() { s.gate = make(chan struct{}, 1) })
	return s.gate
}

// storedProjection returns the stored projection of the current store
// version, if there is a whole one.
func (s *Store) storedProjection(ctx context.Context) (encodedProjection, bool, error) {
	type stored struct {
		p  encodedProjection
		ok bool
	}
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (stored, error) {
		version, err := versionIn(ctx, tx)
		if err != nil || version == "" {
			return stored{}, err
		}
		recs, err := collect(ctx, tx, projectionLoad, map[string]any{"version": version})
		if err != nil || len(recs) == 0 {
			return stored{}, err
		}
		var p encodedProjection
		for _, rec := range recs {
			part, _ := rec.Get("part")
			parts, _ := rec.Get("parts")
			data, _ := rec.Get("data")
			i, _ := part.(int64)
			k, _ := parts.(int64)
			page, _ := data.([]byte)
			if p.pages == nil {
				if int(k) != len(recs) {
					return stored{}, nil // not whole: read the records
				}
				p.pages = make([][]byte, k)
			}
			if i < 0 || i >= k || int(k) != len(p.pages) || p.pages[i] != nil || page == nil {
				return stored{}, nil
			}
			p.pages[i] = page
		}
		return stored{p: p, ok: true}, nil
	})
	return out.p, out.ok, err
}

// saveProjection stores p as the projection of version, in one
// transaction, and removes those of other versions.
func (s *Store) saveProjection(ctx context.Context, version string, p encodedProjection) error {
	return s.bookkeep(ctx, func(tx neo4j.ManagedTransaction) error {
		if err := run(ctx, tx, projectionDrop, map[string]any{"version": version}); err != nil {
			return err
		}
		for i, page := range p.pages {
			err := run(ctx, tx, projectionPart, map[string]any{
				"key": fmt.Sprintf("%s/%d", version, i), "version": version,
				"part": i, "parts": len(p.pages), "data": page,
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// ForgetReportProjection removes the stored report projections: the
// next report reads the records again (kinmap report --recompute, for a
// store written to other than through kinmap, whose writes move no
// version).
func (s *Store) ForgetReportProjection(ctx context.Context) error {
	return s.bookkeep(ctx, func(tx neo4j.ManagedTransaction) error {
		return run(ctx, tx, projectionDrop, map[string]any{"version": nil})
	})
}

// PrepareReportProjection makes sure the projection of the records as
// they are now is stored, so that the next report, in whichever process,
// need not read the records (an import calls it when it is done). It
// reads the stored projection back, which checks that it was stored and
// has Neo4j plan the reading for the next report.
func (s *Store) PrepareReportProjection(ctx context.Context) error {
	p, err := s.projection(ctx)
	if err != nil || len(p.pages) == 0 {
		return err // no people: nothing to store
	}
	_, ok, err := s.storedProjection(ctx)
	if err == nil && !ok {
		err = errNotPrepared
	}
	return err
}

// errNotPrepared: PrepareReportProjection found no projection of the
// records as they now are stored after storing one.
var errNotPrepared = errors.New("the report's projection is not stored: the records changed meanwhile, or storing it failed")

// bookkeep runs work in a write transaction that bumps no store version
// and appends no audit event: for what changes no record (the stored
// projection).
func (s *Store) bookkeep(ctx context.Context, work func(tx neo4j.ManagedTransaction) error) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) { return nil, work(tx) })
	s.observeErr(err)
	return mapErr(err)
}

// run runs one statement and consumes its result.
func run(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) error {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}
