package analysis

// Options tunes the flags. The zero value of a field means its default, so
// Options{} behaves like DefaultOptions().
type Options struct {
	// LostAfterDays is how long without recorded contact turns an
	// important connection into a lost_connection (default 90).
	LostAfterDays int `json:"lost_after_days"`
	// MoveWindowDays is how soon after a move of the child a stop in
	// contact counts as lost_at_move rather than lost_connection
	// (default 60).
	MoveWindowDays int `json:"move_window_days"`
}

// Defaults for Options.
const (
	DefaultLostAfterDays  = 90
	DefaultMoveWindowDays = 60
)

// DefaultOptions returns the recommended thresholds: 90 days without
// contact, 60 days after a move.
func DefaultOptions() Options {
	return Options{LostAfterDays: DefaultLostAfterDays, MoveWindowDays: DefaultMoveWindowDays}
}

// withDefaults replaces zero or negative fields by their defaults.
func (o Options) withDefaults() Options {
	if o.LostAfterDays <= 0 {
		o.LostAfterDays = DefaultLostAfterDays
	}
	if o.MoveWindowDays <= 0 {
		o.MoveWindowDays = DefaultMoveWindowDays
	}
	return o
}
