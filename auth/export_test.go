package auth

import "time"

// SetKeyClock replaces the clock of v's key set (tests only).
func SetKeyClock(v *OIDCVerifier, now func() time.Time) { v.keys.now = now }
