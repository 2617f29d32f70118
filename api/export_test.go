package api

// ErrorStage exposes errorStage to the external tests.
var ErrorStage = errorStage

// CaseloadRowOf exposes caseloadRowOf: a child's caseload row from its
// network.
var CaseloadRowOf = caseloadRowOf
