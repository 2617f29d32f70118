package graph

// The words for dates and ages that every output shares (the API's web
// pages, maps, explanations), so that they read the same everywhere.
// Each output says in its own words what an unrecorded value is.

// Long writes the date as a plan would: "5 January 2024"; "" for the
// zero date.
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2 January 2006")
}

// Words writes an age band in plain words: "under 5", "5 to 11",
// "12 to 15", "16 or 17", "adult"; "" for no band.
func (b AgeBand) Words() string {
	switch b {
	case AgeUnder5:
		return "under 5"
	case Age5to11:
		return "5 to 11"
	case Age12to15:
		return "12 to 15"
	case Age16to17:
		return "16 or 17"
	case AgeAdult:
		return "adult"
	}
	return ""
}
