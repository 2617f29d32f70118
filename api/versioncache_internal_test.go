package api

import (
	"context"
	"errors"
	"testing"
)

func TestVersionCacheNeverCrossesVersions(t *testing.T) {
	vc := newVersionCache[int](2)
	vc.put("e:1", "k", 1)
	if v, ok := vc.get("e:1", "k"); !ok || v != 1 {
		t.Fatalf("same version: got %d %v, want 1 true", v, ok)
	}
	if _, ok := vc.get("e:2", "k"); ok {
		t.Error("a newer version found the older version's entry")
	}
	vc.put("e:2", "k", 2)
	if _, ok := vc.get("e:1", "k"); ok {
		t.Error("an older version found the newer version's entry")
	}
	vc.put("e:1", "k", 1) // a slow request of the older version
	if v, ok := vc.get("e:2", "k"); !ok || v != 2 {
		t.Errorf("after an older version's put: got %d %v, want 2 true", v, ok)
	}
	vc.put("f:1", "k", 3) // a new epoch (wiped database)
	if _, ok := vc.get("e:2", "k"); ok {
		t.Error("the old epoch's entry survived a new epoch")
	}
	if _, ok := vc.get("", "k"); ok {
		t.Error("no version found an entry")
	}
	vc.put("f:1", "a", 4)
	vc.put("f:1", "b", 5) // over max: starts again
	if len(vc.items) > 2 {
		t.Errorf("holds %d entries, max 2", len(vc.items))
	}
}

func TestRequestVersionIsReadOnce(t *testing.T) {
	n := 0
	ctx := withVersion(context.Background(), func(context.Context) (string, error) { n++; return "e:7", nil })
	for i := 0; i < 3; i++ {
		if v, ok := requestVersion(ctx); !ok || v != "e:7" {
			t.Fatalf("got %q %v", v, ok)
		}
	}
	if n != 1 {
		t.Errorf("version read %d times, want 1", n)
	}
	if _, ok := requestVersion(context.Background()); ok {
		t.Error("a context without a memo may cache")
	}
	bad := withVersion(context.Background(), func(context.Context) (string, error) { return "e:1", errors.New("down") })
	if _, ok := requestVersion(bad); ok {
		t.Error("an unreadable version may cache")
	}
	none := withVersion(context.Background(), func(context.Context) (string, error) { return "", nil })
	if _, ok := requestVersion(none); ok {
		t.Error("no version yet may cache")
	}
}
