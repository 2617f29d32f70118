package neo4jstore_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestMain runs the package's tests against one real Neo4j, started once.
func TestMain(m *testing.M) { os.Exit(neo4jtest.Run(m)) }

// fresh empties the database and returns a store over it.
func fresh(t testing.TB) (*neo4jstore.Store, context.Context) {
	t.Helper()
	neo4jtest.Reset(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	s, err := neo4jstore.New(ctx, neo4jtest.Driver())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s, ctx
}

var d = graph.MustDate

// family is a small synthetic family used across the store tests:
//
//	mum --parent--> ava, ben;  ava --sibling(full)-- ben
//	gran --grandparent--> ava; gran --friend-- pal (3 hops from ava via nothing else)
//	carer --foster_carer--> ava; carer --other--> carer-kid (2 hops from ava)
//	late: ava --friend-- newpal since 2025-06-01
//	ben's care episode ended on 2025-08-31 (he stays with kin)
func family() *graph.Document {
	return &graph.Document{Format: graph.Format, Records: graph.Records{
		People: []graph.Person{
			{ID: "t-ava", FullName: "Ava Testperson", KnownAs: "Avie", DateOfBirth: d("2014-03-02"), LookedAfter: true, LookedAfterSince: d("2022-01-10")},
			{ID: "t-ben", FullName: "Ben Testperson", DateOfBirth: d("2016-07-19"), LookedAfter: true, LookedAfterUntil: d("2025-08-31")},
			{ID: "t-mum", FullName: "Mara Testperson", AgeBand: graph.AgeAdult, Notes: "synthetic note"},
			{ID: "t-gran", FullName: "Gwen Testperson", AgeBand: graph.AgeAdult},
			{ID: "t-pal", FullName: "Pat Farfriend", AgeBand: graph.AgeAdult},
			{ID: "t-carer", FullName: "Cara Fostering", AgeBand: graph.AgeAdult},
			{ID: "t-carerkid", FullName: "Kit Fostering", AgeBand: graph.Age12to15},
			{ID: "t-newpal", FullName: "Nia Newfriend", AgeBand: graph.Age5to11},
		},
		Households: []graph.Household{
			{ID: "t-h-home", Kind: graph.HouseholdBirthFamily, Locality: "Testtown"},
			{ID: "t-h-foster", Kind: graph.HouseholdFoster, Name: "Oak foster home", Address: "1 Example Row, Testtown", Confidential: true},
			{ID: "t-h-kin", Kind: graph.HouseholdKinship, Locality: "Otherville"},
		},
		Residences: []graph.Residence{
			{ID: "t-r1", Person: "t-ava", Household: "t-h-home", From: d("2014-03-02"), Until: d("2022-01-09")},
			{ID: "t-r2", Person: "t-ava", Household: "t-h-foster", From: d("2022-01-10")},
			{ID: "t-r3", Person: "t-ben", Household: "t-h-kin", From: d("2022-01-10")},
			{ID: "t-r4", Person: "t-mum", Household: "t-h-home", From: d("2010-01-01")},
			{ID: "t-r5", Person: "t-carer", Household: "t-h-foster", From: d("2015-01-01")},
		},
		Relationships: []graph.Relationship{
			{ID: "t-rel1", From: "t-mum", To: "t-ava", Kind: graph.RelParent,
				Restriction: &graph.Restriction{Kind: graph.RestrictSupervised, Basis: graph.BasisOrder, Reason: "synthetic order", Since: d("2022-01-10")},
				Contact:     &graph.Arrangement{Mode: graph.ContactDirect, Frequency: graph.FreqMonthly, Supervised: true}},
			{ID: "t-rel2", From: "t-mum", To: "t-ben", Kind: graph.RelParent},
			{ID: "t-rel3", From: "t-ava", To: "t-ben", Kind: graph.RelSibling, SiblingType: graph.SiblingFull, Since: d("2016-07-19"),
				FromView:   &graph.View{Circle: graph.CircleClosest, Words: "my wee brother"},
				ToView:     &graph.View{Circle: graph.CircleClose},
				Contact:    &graph.Arrangement{Mode: graph.ContactDirect, Frequency: graph.FreqFortnightly},
				Separation: &graph.Separation{Reason: graph.SeparationNoPlacement, Detail: "no carer for both", Decided: d("2022-01-05")}},
			{ID: "t-rel4", From: "t-gran", To: "t-ava", Kind: graph.RelGrandparent, Since: d("2014-03-02")},
			{ID: "t-rel5", From: "t-gran", To: "t-pal", Kind: graph.RelFriend},
			{ID: "t-rel6", From: "t-carer", To: "t-ava", Kind: graph.RelFosterCarer, Since: d("2022-01-10")},
			{ID: "t-rel7", From: "t-carer", To: "t-carerkid", Kind: graph.RelParent},
			{ID: "t-rel8", From: "t-ava", To: "t-newpal", Kind: graph.RelFriend, Since: d("2025-06-01")},
		},
		Contacts: []graph.Contact{
			{ID: "t-c1", From: "t-ava", To: "t-ben", Date: d("2024-05-01"), Kind: graph.ContactVisit},
			{ID: "t-c2", From: "t-ava", To: "t-gran", Date: d("2024-06-01"), Kind: graph.ContactCall},
			{ID: "t-c3", From: "t-ava", To: "t-ben", Date: d("2025-07-01"), Kind: graph.ContactVideo, Notes: "synthetic"},
		},
		Assignments: []graph.Assignment{{ID: "t-a1", Worker: "worker-a", Team: "team-north", Child: "t-ava", Since: d("2022-01-10")}},
		Assessments: []graph.Assessment{{ID: "t-as1", Child: "t-ava", Date: d("2022-02-01"), Stage: graph.StageInitial,
			Worker: "worker-a", Contributors: []string{"Ava", "foster carer"},
			Connections: []graph.AssessedConnection{
				{Person: "t-ben", Living: graph.LiveApart, Reason: "no carer for both yet",
					Contact: &graph.Arrangement{Mode: graph.ContactDirect, Frequency: graph.FreqFortnightly}},
				{Person: "t-gran", Contact: &graph.Arrangement{Mode: graph.ContactIndirect, Frequency: graph.FreqMonthly}}},
			Notes: "synthetic"}},
		PlanActions: []graph.PlanAction{{ID: "t-pa1", Child: "t-ava", Person: "t-ben", What: "arrange fortnightly contact with Ben",
			Owner: graph.OwnerWorker, OwnerName: "worker-a", Made: d("2022-02-01"), Due: d("2022-03-01"),
			Status: graph.ActionDone, StatusChanged: d("2022-02-20"), ChildWords: "see Ben every other Saturday"}},
	}}
}

func mustImport(t testing.TB, s *neo4jstore.Store, ctx context.Context, doc *graph.Document) {
	t.Helper()
	if _, err := s.Import(ctx, doc); err != nil {
		t.Fatalf("Import: %v", err)
	}
}
