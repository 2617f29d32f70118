package graph

import (
	"slices"
	"strings"
	"testing"
)

func TestCouncilAreas(t *testing.T) {
	scottish := 0
	seen := map[CouncilArea]bool{}
	for _, c := range Councils {
		if seen[c.Code] {
			t.Errorf("code %s listed twice", c.Code)
		}
		seen[c.Code] = true
		if strings.HasPrefix(string(c.Code), "S12") && len(c.Code) == 9 {
			scottish++
		}
		if !c.Code.Valid() || c.Code.Name() != c.Name {
			t.Errorf("%s: Valid %v, Name %q; want true, %q", c.Code, c.Code.Valid(), c.Code.Name(), c.Name)
		}
	}
	if scottish != 32 || len(Councils) != 33 {
		t.Errorf("got %d Scottish council areas of %d, want 32 and outside Scotland", scottish, len(Councils))
	}
	if CouncilArea("S12000049").Name() != "Glasgow City" || CouncilOutsideScotland.Name() != "outside Scotland" {
		t.Errorf("names: got %q and %q", CouncilArea("S12000049").Name(), CouncilOutsideScotland.Name())
	}
	for _, bad := range []CouncilArea{"S12000046", "Glasgow City", "E06000001", "s12000049"} {
		if bad.Valid() {
			t.Errorf("%q: got valid, want not (retired, a name, English, lower case)", bad)
		}
	}
}

func TestHouseholdCouncilAreaValidate(t *testing.T) {
	h := Household{ID: "h1", Kind: HouseholdFoster, CouncilArea: "S12000036"}
	if err := h.Validate(); err != nil {
		t.Errorf("City of Edinburgh: got %v, want valid", err)
	}
	h.CouncilArea = ""
	if err := h.Validate(); err != nil {
		t.Errorf("not recorded: got %v, want valid", err)
	}
	h.CouncilArea = "S12999999"
	if got := fields(h.Validate()); !slices.Equal(got, []string{"council_area"}) {
		t.Errorf("unknown code: got %v, want [council_area]", got)
	}
}
