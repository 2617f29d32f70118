package api

import (
	"container/list"
	"sync"
)

// mapCache keeps the most recently rendered maps by content key, so that
// a map asked for again is not rendered again (renders are serialised and
// are the slow part). It holds rendered bytes only, no names.
type mapCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recent; values are *cacheEntry
	items map[string]*list.Element
}

type cacheEntry struct {
	key string
	val []byte
}

func newMapCache(max int) *mapCache {
	return &mapCache{max: max, order: list.New(), items: map[string]*list.Element{}}
}

func (m *mapCache) get(key string) ([]byte, bool) {
	if m == nil || m.max <= 0 {
		return nil, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.items[key]
	if !ok {
		return nil, false
	}
	m.order.MoveToFront(e)
	return e.Value.(*cacheEntry).val, true
}

func (m *mapCache) put(key string, val []byte) {
	if m == nil || m.max <= 0 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.items[key]; ok {
		m.order.MoveToFront(e)
		return
	}
	m.items[key] = m.order.PushFront(&cacheEntry{key, val})
	for m.order.Len() > m.max {
		last := m.order.Back()
		m.order.Remove(last)
		delete(m.items, last.Value.(*cacheEntry).key)
	}
}
