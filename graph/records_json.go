package graph

import "encoding/json"

// nonNil returns r with every list but assignments (which is left out
// when empty) non-nil, so that it is written as [] and never as null: the
// strict reader refuses null, and the OpenAPI document and the import
// schema say these are arrays.
func (r Records) nonNil() Records {
	if r.People == nil {
		r.People = []Person{}
	}
	if r.Households == nil {
		r.Households = []Household{}
	}
	if r.Residences == nil {
		r.Residences = []Residence{}
	}
	if r.Relationships == nil {
		r.Relationships = []Relationship{}
	}
	if r.Contacts == nil {
		r.Contacts = []Contact{}
	}
	return r
}

// MarshalJSON writes the document with empty lists as [] (what is
// exported is imported again as it stands).
func (d Document) MarshalJSON() ([]byte, error) {
	type plain Document
	p := plain(d)
	p.Records = p.Records.nonNil()
	return json.Marshal(p)
}

// MarshalJSON writes the network with empty lists as [].
func (n Network) MarshalJSON() ([]byte, error) {
	type plain Network
	p := plain(n)
	p.Records = p.Records.nonNil()
	return json.Marshal(p)
}
