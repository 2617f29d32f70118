package graph

// ChildSummary is one item of the list of looked-after children.
type ChildSummary struct {
	ID      ID     `json:"id"`
	Name    string `json:"name"`
	KnownAs string `json:"known_as,omitempty"`
}

// ImportSummary says what an import wrote.
type ImportSummary struct {
	Counts       map[string]int `json:"counts"`       // records in the document, by type
	Transactions int            `json:"transactions"` // write transactions used
}
