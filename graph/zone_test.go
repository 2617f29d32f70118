package graph

import (
	"testing"
	"time"
)

// TestDateAtIsLondonsCalendar: half past midnight in British Summer Time
// on 1 July is 23:30 UTC on 30 June; kinmap's "today" is 1 July. In
// winter London is on UTC.
func TestDateAtIsLondonsCalendar(t *testing.T) {
	for _, tt := range []struct {
		at   time.Time
		loc  *time.Location
		want string
	}{
		{time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC), nil, "2026-07-01"},
		{time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC), London, "2026-07-01"},
		{time.Date(2026, 6, 30, 22, 59, 0, 0, time.UTC), London, "2026-06-30"},
		{time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC), London, "2026-12-31"},
		{time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC), time.UTC, "2026-06-30"},
	} {
		if got := DateAt(tt.at, tt.loc).String(); got != tt.want {
			t.Errorf("DateAt(%s, %v) = %s, want %s", tt.at.Format(time.RFC3339), tt.loc, got, tt.want)
		}
	}
	if got, want := Today(), DateAt(time.Now(), London); got != want && got != DateAt(time.Now().Add(-time.Minute), London) {
		t.Errorf("Today() = %s, want London's date %s", got, want)
	}
}
