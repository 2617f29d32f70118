package graph

import (
	"time"
	_ "time/tzdata" // Europe/London is known on hosts without a zone database
)

// London is Europe/London, the zone whose calendar decides what "today"
// is unless a program is configured otherwise: kinmap serves Scottish
// councils, so a day begins at midnight GMT in winter and BST in summer.
var London = mustZone("Europe/London")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}
