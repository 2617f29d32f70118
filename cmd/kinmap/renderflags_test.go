package main

import (
	"strings"
	"testing"
)

// TestRenderSiblingGroupRefusesSince: the sibling-group map has no
// review drawing; --since with --sibling-group is a usage error, not
// silently ignored.
func TestRenderSiblingGroupRefusesSince(t *testing.T) {
	_, errs, code := kinmap(t, "render", "--child", "ard-amy", "--sibling-group", "--as-of", "2026-11-01", "--since", "2025-11-01")
	if code != 2 || !strings.Contains(errs, "--since") {
		t.Errorf("render --sibling-group --since: got code %d %q, want 2 naming --since", code, errs)
	}
}
