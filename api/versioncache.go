package api

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"github.com/kinmap/kinmap/graph"
)

// versionedCaches are the Server's caches by store version.
type versionedCaches struct {
	scopes *versionCache[[]graph.ID]  // callers' scopes (scope.go scopeOf)
	flagsC *versionCache[childFlags]  // a child's flags (handlers_analysis.go)
	drawn  *versionCache[drawnMap]    // maps as served (handlers_maps.go)
	pages  *versionCache[childData]   // a child's page, map inlined (web_pages.go)
	rows   *versionCache[caseloadRow] // a child's caseload row (web_pages.go)
}

func newVersionedCaches(maps int) versionedCaches {
	return versionedCaches{scopes: newVersionCache[[]graph.ID](1024), flagsC: newVersionCache[childFlags](1024),
		drawn: newVersionCache[drawnMap](maps), pages: newVersionCache[childData](maps),
		rows: newVersionCache[caseloadRow](4096)}
}

// Results that depend only on stored records (a token's description, a
// caller's scope, a child's flags, a drawn map) are cached under the
// store version (neo4jstore version.go), which every write transaction
// of any kinmap process on the same database bumps. A request reads the
// version once, before the first cached lookup, and uses it for all of
// them: an entry made at another version is never used, so a write
// anywhere makes the next request read afresh. An entry may hold records
// newer than its version (read after the version), never older.

// versionReader reads the store version; "" means there is none yet
// (nothing may be cached).
type versionReader func(ctx context.Context) (string, error)

// versionMemo is a request's store version, read at most once.
type versionMemo struct {
	read versionReader
	once sync.Once
	v    string
	err  error
}

type versionMemoKey struct{}

// withVersion gives ctx (a request's) a memo of the store version.
func withVersion(ctx context.Context, read versionReader) context.Context {
	return context.WithValue(ctx, versionMemoKey{}, &versionMemo{read: read})
}

// requestVersion returns the store version of the request ctx belongs
// to, reading it on first use. ok is false when nothing may be cached:
// no memo, no version yet, or the version could not be read.
func requestVersion(ctx context.Context) (v string, ok bool) {
	m, _ := ctx.Value(versionMemoKey{}).(*versionMemo)
	if m == nil {
		return "", false
	}
	m.once.Do(func() { m.v, m.err = m.read(ctx) })
	if m.err != nil {
		return "", false // v is "" whenever ok is false: nothing is kept under it
	}
	return m.v, m.v != ""
}

// versionCache holds values made at one store version, at most max of
// them. Entries of an older version are dropped when a newer version's
// value is put; a value of an older version than the held one is not
// kept. Values must not be changed once put.
type versionCache[V any] struct {
	mu    sync.Mutex
	max   int
	ver   string
	items map[string]V
}

func newVersionCache[V any](max int) *versionCache[V] {
	return &versionCache[V]{max: max, items: map[string]V{}}
}

func (vc *versionCache[V]) get(ver, key string) (V, bool) {
	var zero V
	if vc == nil || vc.max <= 0 || ver == "" {
		return zero, false
	}
	vc.mu.Lock()
	defer vc.mu.Unlock()
	if ver != vc.ver {
		return zero, false
	}
	v, ok := vc.items[key]
	return v, ok
}

func (vc *versionCache[V]) put(ver, key string, v V) {
	if vc == nil || vc.max <= 0 || ver == "" {
		return
	}
	vc.mu.Lock()
	defer vc.mu.Unlock()
	if ver != vc.ver {
		if older(ver, vc.ver) {
			return
		}
		vc.ver, vc.items = ver, map[string]V{}
	}
	if _, ok := vc.items[key]; !ok && len(vc.items) >= vc.max {
		// Full: start again rather than track use (entries live only
		// until the next write anyway).
		vc.items = map[string]V{}
	}
	vc.items[key] = v
}

// older reports whether version a ("epoch:n") comes before b in the same
// epoch. Versions of different epochs are not ordered: the newer put wins.
func older(a, b string) bool {
	ea, na, okA := splitVersion(a)
	eb, nb, okB := splitVersion(b)
	return okA && okB && ea == eb && na < nb
}

func splitVersion(v string) (string, int64, bool) {
	i := strings.LastIndexByte(v, ':')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.ParseInt(v[i+1:], 10, 64)
	return v[:i], n, err == nil
}

// cacheKey joins parts into one key; parts never hold the separator
// (ids, dates, enumerations and numbers).
func cacheKey(parts ...string) string { return strings.Join(parts, "\x00") }
