package api

// ErrorStage exposes errorStage to the external tests.
var ErrorStage = errorStage
