package neo4jstore

// SetReportPageSize changes the report projection's page size for a test
// and returns a function that restores it.
func SetReportPageSize(n int) (restore func()) {
	old := reportPageSize
	reportPageSize = n
	return func() { reportPageSize = old }
}

// SetProjectionReaders changes how many pages of a projection are read at
// once, for a test or a benchmark, and returns a function that restores it.
func SetProjectionReaders(n int) (restore func()) {
	old := projectionReaders
	projectionReaders = n
	return func() { projectionReaders = old }
}

// ProjectionReaders is how many pages of a projection are read at once.
func ProjectionReaders() int { return projectionReaders }
