package neo4jstore_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// TestHouseholdCouncilAreaRoundTrip: a household's council area is
// stored, read, exported and updated; an unknown code writes nothing.
func TestHouseholdCouncilAreaRoundTrip(t *testing.T) {
	s, ctx := fresh(t)
	doc := family()
	doc.Households[0].CouncilArea = "S12000049"
	doc.Households[1].CouncilArea = graph.CouncilOutsideScotland
	mustImport(t, s, ctx, doc)
	for _, want := range doc.Households[:2] {
		if got, err := s.Household(ctx, want.ID); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Household(%s): got %+v, %v; want %+v", want.ID, got, err, want)
		}
	}
	out, err := s.Export(ctx)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	doc.Sort()
	if !reflect.DeepEqual(out.Households, doc.Households) {
		t.Errorf("export households: got %+v, want %+v", out.Households, doc.Households)
	}
	h := doc.Households[0]
	h.CouncilArea = "S12000047"
	if err := s.UpdateHousehold(ctx, h); err != nil {
		t.Fatalf("UpdateHousehold: %v", err)
	}
	bad := h
	bad.CouncilArea = "S12000015" // Fife's code before 2018
	if err := s.UpdateHousehold(ctx, bad); !errors.Is(err, graph.ErrInvalid) || graph.Fields(err)[0].Field != "council_area" {
		t.Errorf("unknown code: got %v, want ErrInvalid on council_area", err)
	}
	if err := s.CreateHousehold(ctx, graph.Household{ID: "x-h", Kind: graph.HouseholdFoster, CouncilArea: "Fife"}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("create with a name for a code: got %v, want ErrInvalid", err)
	}
	if got, _ := s.Household(ctx, h.ID); got.CouncilArea != "S12000047" {
		t.Errorf("after a refused update: got %q, want S12000047", got.CouncilArea)
	}
	if _, err := s.Household(ctx, "x-h"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("refused create: got %v, want nothing written", err)
	}
}

// TestReportCountsGroupsSplitAcrossCouncils: the report's projection
// carries the homes' council areas, so it counts a split group across
// councils as the whole authority does.
func TestReportCountsGroupsSplitAcrossCouncils(t *testing.T) {
	s, ctx := fresh(t)
	doc := family()
	for i := range doc.Households {
		switch doc.Households[i].ID {
		case "t-h-foster":
			doc.Households[i].CouncilArea = "S12000049"
		case "t-h-kin":
			doc.Households[i].CouncilArea = "S12000048"
		}
	}
	mustImport(t, s, ctx, doc)
	day := d("2024-06-01") // Ava in foster care, Ben with kin: both looked after, apart
	full, err := s.Authority(ctx, day)
	if err != nil {
		t.Fatalf("Authority: %v", err)
	}
	lean, err := s.ReportAuthority(ctx, day)
	if err != nil {
		t.Fatalf("ReportAuthority: %v", err)
	}
	want, got := analysis.SiblingPlacementReport(full), analysis.SiblingPlacementReport(lean)
	if want.GroupsSplitAcrossCouncils != 1 || got.GroupsSplitAcrossCouncils != 1 {
		t.Errorf("groups split across councils: got %d from the projection, %d from the authority; want 1 and 1",
			got.GroupsSplitAcrossCouncils, want.GroupsSplitAcrossCouncils)
	}
}
