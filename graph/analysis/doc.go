// Package analysis computes flags, sibling groups, key people, review
// changes and authority reports from domain snapshots (graph.Network). It
// is the only package that imports gonum. Every analysis is a pure
// function of its input, so tests need no database.
package analysis
