package graph

// Network is a snapshot of a child's connections as of a date: the child,
// everyone within two hops through relationships that had started by then
// (ended ones included, so that lost connections show), the residences of
// those people that had started by then (history included) and their
// households, and the contact records up to the date between them.
//
// An authority-wide snapshot has an empty Child and holds everyone.
type Network struct {
	Child ID   `json:"child,omitempty"`
	AsOf  Date `json:"as_of"`
	Records
}

// Index gives constant-time look-ups over a Network. Build it once with
// NewIndex; it must not be used after the network changes.
type Index struct {
	N          *Network
	people     map[ID]*Person
	households map[ID]*Household
	residences map[ID][]*Residence    // by person, in From order as stored
	rels       map[ID][]*Relationship // by either end
	contacts   map[[2]ID][]*Contact   // by unordered pair
}

// NewIndex indexes n.
func NewIndex(n *Network) *Index {
	ix := &Index{N: n,
		people:     make(map[ID]*Person, len(n.People)),
		households: make(map[ID]*Household, len(n.Households)),
		residences: make(map[ID][]*Residence),
		rels:       make(map[ID][]*Relationship),
		contacts:   make(map[[2]ID][]*Contact),
	}
	for i := range n.People {
		ix.people[n.People[i].ID] = &n.People[i]
	}
	for i := range n.Households {
		ix.households[n.Households[i].ID] = &n.Households[i]
	}
	for i := range n.Residences {
		r := &n.Residences[i]
		ix.residences[r.Person] = append(ix.residences[r.Person], r)
	}
	for i := range n.Relationships {
		r := &n.Relationships[i]
		ix.rels[r.From] = append(ix.rels[r.From], r)
		if r.To != r.From {
			ix.rels[r.To] = append(ix.rels[r.To], r)
		}
	}
	for i := range n.Contacts {
		c := &n.Contacts[i]
		k := pairKey(c.From, c.To)
		ix.contacts[k] = append(ix.contacts[k], c)
	}
	return ix
}

func pairKey(a, b ID) [2]ID {
	if b < a {
		a, b = b, a
	}
	return [2]ID{a, b}
}

// Person returns the person with id, or nil.
func (ix *Index) Person(id ID) *Person { return ix.people[id] }

// Household returns the household with id, or nil.
func (ix *Index) Household(id ID) *Household { return ix.households[id] }

// Relationships returns the relationships with id at either end.
func (ix *Index) Relationships(id ID) []*Relationship { return ix.rels[id] }

// Residences returns the residences of person id.
func (ix *Index) Residences(id ID) []*Residence { return ix.residences[id] }

// Contacts returns the contact records between a and b.
func (ix *Index) Contacts(a, b ID) []*Contact { return ix.contacts[pairKey(a, b)] }

// ResidenceOn returns the residence of person id covering day, or nil.
// When records overlap, the one that started last wins.
func (ix *Index) ResidenceOn(id ID, day Date) *Residence {
	var best *Residence
	for _, r := range ix.residences[id] {
		if r.Span().Covers(day) && (best == nil || r.From.After(best.From)) {
			best = r
		}
	}
	return best
}

// HouseholdOn returns the household person id lived in on day, or nil.
func (ix *Index) HouseholdOn(id ID, day Date) *Household {
	if r := ix.ResidenceOn(id, day); r != nil {
		return ix.households[r.Household]
	}
	return nil
}

// LastContact returns the date of the latest contact between a and b on
// or before day, and false when there is none.
func (ix *Index) LastContact(a, b ID, day Date) (Date, bool) {
	var last Date
	for _, c := range ix.contacts[pairKey(a, b)] {
		if !c.Date.After(day) && (last.IsZero() || c.Date.After(last)) {
			last = c.Date
		}
	}
	return last, !last.IsZero()
}
