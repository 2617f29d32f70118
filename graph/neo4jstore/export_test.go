package neo4jstore

// SetReportPageSize changes the report projection's page size for a test
// and returns a function that restores it.
func SetReportPageSize(n int) (restore func()) {
	old := reportPageSize
	reportPageSize = n
	return func() { reportPageSize = old }
}
