package graph

import "slices"

// CouncilArea is the council area a household is in: a GSS code of one of
// the 32 Scottish council areas (S12...), or CouncilOutsideScotland.
type CouncilArea string

// CouncilOutsideScotland is a home outside Scotland (England, Wales,
// Northern Ireland or abroad).
const CouncilOutsideScotland CouncilArea = "outside_scotland"

// Council is one council area: its code and name.
type Council struct {
	Code CouncilArea
	Name string
}

// Councils lists the 32 Scottish council areas by name, with their GSS
// codes (the codes in use since 2019), then "outside Scotland".
var Councils = []Council{
	{"S12000033", "Aberdeen City"},
	{"S12000034", "Aberdeenshire"},
	{"S12000041", "Angus"},
	{"S12000035", "Argyll and Bute"},
	{"S12000036", "City of Edinburgh"},
	{"S12000005", "Clackmannanshire"},
	{"S12000006", "Dumfries and Galloway"},
	{"S12000042", "Dundee City"},
	{"S12000008", "East Ayrshire"},
	{"S12000045", "East Dunbartonshire"},
	{"S12000010", "East Lothian"},
	{"S12000011", "East Renfrewshire"},
	{"S12000014", "Falkirk"},
	{"S12000047", "Fife"},
	{"S12000049", "Glasgow City"},
	{"S12000017", "Highland"},
	{"S12000018", "Inverclyde"},
	{"S12000019", "Midlothian"},
	{"S12000020", "Moray"},
	{"S12000013", "Na h-Eileanan Siar"},
	{"S12000021", "North Ayrshire"},
	{"S12000050", "North Lanarkshire"},
	{"S12000023", "Orkney Islands"},
	{"S12000048", "Perth and Kinross"},
	{"S12000038", "Renfrewshire"},
	{"S12000026", "Scottish Borders"},
	{"S12000027", "Shetland Islands"},
	{"S12000028", "South Ayrshire"},
	{"S12000029", "South Lanarkshire"},
	{"S12000030", "Stirling"},
	{"S12000039", "West Dunbartonshire"},
	{"S12000040", "West Lothian"},
	{CouncilOutsideScotland, "outside Scotland"},
}

// Valid reports whether c is a known council area code.
func (c CouncilArea) Valid() bool {
	return slices.ContainsFunc(Councils, func(x Council) bool { return x.Code == c })
}

// Name returns the council area's name ("Glasgow City", "outside
// Scotland"), or "" for an unknown or empty code.
func (c CouncilArea) Name() string {
	for _, x := range Councils {
		if x.Code == c {
			return x.Name
		}
	}
	return ""
}

// checkCouncil checks a household's council area: empty (not recorded)
// or a known code.
func checkCouncil(p *Problems, field string, c CouncilArea) {
	if c != "" && !c.Valid() {
		p.add(field, "must be the GSS code of a Scottish council area (S12000033 Aberdeen City ... S12000040 West Lothian) or outside_scotland")
	}
}
