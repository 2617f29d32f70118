package neo4jstore

// SetReportPageSize changes the report projection's page size for a test
// and returns a function that restores it.
func SetReportPageSize(n int) (restore func()) {
	old := reportPageSize
	reportPageSize = n
	return func() { reportPageSize = old }
}

// SetExportPageSize changes the streamed export's page size for a test
// and returns a function that restores it.
func SetExportPageSize(n int) (restore func()) {
	old := exportPageSize
	exportPageSize = n
	return func() { exportPageSize = old }
}

// ExportPageQueries are the export's page queries by list, for plan checks.
func ExportPageQueries() map[string]string {
	out := map[string]string{}
	for name, p := range exportPages {
		out[name] = p.cypher
	}
	return out
}
