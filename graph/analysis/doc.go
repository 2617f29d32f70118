// Package analysis computes flags, sibling groups, key people, review
// changes and authority reports from domain snapshots (graph.Network). It
// is the only package that imports gonum. Every analysis is a pure
// function of its input, so tests need no database.
//
// # API
//
//	Flags(n, opt) []Flag                  flags for n.Child as of n.AsOf
//	KeyPeople(n, limit) []KeyPerson       adults ranked by betweenness
//	SiblingGroups(n) []SiblingGroup       every group in n
//	SiblingGroupOf(n, child) (SiblingGroup, bool)
//	Analyse(n, opt) ChildAnalysis         all of the above for one child
//	Review(before, after) []Change        changes between two snapshots
//	SiblingPlacementReport(n) Report      authority figures; Report.WriteCSV
//	  (with breakdowns: report_breakdowns.go), Publish / Unsuppressed
//	SeriesReport(n, QuarterDates(from, to)) []Report  a series from one load
//	ConnectionGraph(n), NewGraph, Components, ArticulationPoints, Betweenness
//
// Flags are computed on request from the snapshot the store just loaded;
// nothing is cached, so a flag can never be stale. Nothing here logs.
//
// # Maintainers' notes
//
// Reading a snapshot: all analyses go through snapshot (snapshot.go), which
// indexes the network once. A relationship counts only while its span
// covers the date; ended ones are history (Review and the lost flags use
// them, and the sibling definition below, nothing else). A restriction
// applies from its own Since date until the relationship ends; one that
// starts after the date does not count yet. Looked-after means Person.LookedAfterOn (the care
// episode, LookedAfterSince to LookedAfterUntil, covers the date) and under
// 18; adults are never "separated" in the sense of the duty to place
// together. Households at the date come from Index.HouseholdOn; a
// looked-after child whose household at the date is not recorded is
// neither together with nor apart from anyone: sibling groups and the
// report leave them out of classifications and rates, and the report
// counts them (household_not_recorded).
//
// Siblings follow the legal definition as far as the record shows: a
// current sibling relationship of any sub-kind (full, half, step,
// sibling-like), or parent relationships to a parent in common that had
// started by the date, ended or not (an adoption or a death ends the
// record, not the sibling tie).
// The second kind is what unrecorded_sibling reports; separated_sibling,
// sibling groups (gonum topo connected components) and the authority
// report count both. A group lists each tie known only through a parent in
// common in SiblingGroup.Inferred, with the parents as the reason, so maps
// can draw it apart from recorded ties; the flag stays until the tie is
// recorded. The authority snapshot and Store.SiblingNetwork must therefore
// deliver parent relationships as well as sibling ones.
//
// Flag rules, one file each:
//   - flags_sibling.go: separated_sibling (severity counts the problems:
//     no reason; no arrangement, or contact behind the planned frequency,
//     or lapsed beyond Options.LostAfterDays when no frequency is fixed;
//     a no-contact restriction is a decision, not a problem) and
//     unrecorded_sibling (high when both are looked-after children).
//   - flags_lost.go: lost_connection and lost_at_move (never both for one
//     person); contact is a contact record or living together; a planned
//     frequency longer than the threshold extends it. Only a no-contact
//     restriction in force leaves a person out; supervised-only contact
//     is still contact that should happen, and the wording says so.
//   - flags_fragile.go: fragile_connection from the low-link DFS in
//     articulation.go (gonum has none) on ConnectionGraph; only the child's
//     kin are "important" and named.
//   - flags_assessment.go: assessment_due (looked after longer than
//     Options.AssessmentDueDays with no assessment in the care episode)
//     and assessment_overdue (the latest assessment older than
//     Options.AssessmentReviewMonths); never both. Evidence names the
//     child only.
//
// Explanations are professional output built in words.go: display names,
// household labels (never addresses), plain dates. Change details in
// Review carry no names. Evidence carries ids only, so other audiences can
// build their own wording.
//
// Loading: per-child analyses take the child's two-hop snapshot. The
// report, and SiblingGroups over an authority, take one authority-wide
// snapshot (Child == ""), loaded by the store in a single round trip and
// indexed once; they index only people, households, residences and
// sibling and parent relationships (the report also the last contacts
// between looked-after children). The report does not go through
// snapshot: report_index.go numbers the authority's people once and
// reads homes, siblings and contacts from slices by number, and
// report_groups.go classifies groups with a union-find (at 12,000
// children the id-keyed snapshot spent its time hashing ids). It must
// read the records as snapshot does; report_reference_test.go is the
// report over snapshot, and random authorities check the two agree. Review
// can take a before snapshot re-read "as of" the last review: the store
// keeps a relationship's earlier views, arrangement, restriction and
// separation in its History and gives each as it held on the date
// (graph.Relationship.AsOf).
//
// Tests: table tests per flag on hand-built networks (helpers_test.go),
// brute-force checks of the articulation points on random graphs, and
// golden JSON in testdata/ for hand-built networks and for every family
// in fixtures/families (go test ./graph/analysis -update regenerates them;
// read the diff). scripts/crosscheck compares components, articulation
// points and betweenness with networkx. Benchmarks: BenchmarkFlags60,
// BenchmarkAnalyse60, BenchmarkSiblingGroups1000, BenchmarkReport1000,
// and BenchmarkReportProjection12000 and 84000 over what the store's
// report projection loads (ReportProjection in projection_test.go, a
// test checks the report over it equals the report over the whole).
package analysis
