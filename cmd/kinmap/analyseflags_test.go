package main

import (
	"strings"
	"testing"
)

// TestAnalyseReportsEveryBadFlag: with several bad values, every one is
// reported, in the flags' order, every time.
func TestAnalyseReportsEveryBadFlag(t *testing.T) {
	for range 5 {
		_, errs, code := kinmap(t, "analyse", "--child", "ard-shannon", "--lost-after-days", "0", "--move-window-days", "0",
			"--as-of", "2026-01-01", "--since", "2026-02-01")
		lost, window, since := strings.Index(errs, "--lost-after-days"), strings.Index(errs, "--move-window-days"), strings.Index(errs, "--since")
		if code != 2 || lost < 0 || window < lost || since < window {
			t.Fatalf("three bad flags: got code %d %q, want 2 naming --lost-after-days, --move-window-days and --since in that order", code, errs)
		}
	}
}
