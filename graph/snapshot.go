package graph

import "slices"

// Snapshot builds from the records the network the store gives for child
// as of asOf (graph/neo4jstore: Store.Network), in memory, so that tests
// and tools work on what users see rather than the whole record:
//
//   - people: the child and everyone within two hops of the child through
//     relationships with no since or since <= asOf (ended ones included),
//     and the children of a partner of one of the child's parents
//     (possible step-siblings) through such relationships;
//   - relationships between two of those people with no since or since <=
//     asOf, each as it stood on asOf (Relationship.AsOf);
//   - residences of those people with from <= asOf, and the households
//     they name;
//   - contacts between two of those people dated on or before asOf;
//   - every assignment of the child, whatever its dates;
//   - the child's assessments dated on or before asOf, and plan actions
//     made on or before asOf (with their status as stored).
//
// It returns nil when the child is not in the records (the store's
// not-found).
func (rs *Records) Snapshot(child ID, asOf Date) *Network {
	if !slices.ContainsFunc(rs.People, func(p Person) bool { return p.ID == child }) {
		return nil
	}
	started := func(r Relationship) bool { return r.Since.IsZero() || !r.Since.After(asOf) }
	near := map[ID][]ID{}
	for _, r := range rs.Relationships {
		if started(r) {
			near[r.From] = append(near[r.From], r.To)
			near[r.To] = append(near[r.To], r.From)
		}
	}
	// Breadth first to depth two. A walk of two distinct relationships
	// reaches exactly the people two hops away, as the Cypher path does.
	in := map[ID]bool{child: true}
	frontier := []ID{child}
	for range 2 {
		var next []ID
		for _, a := range frontier {
			for _, b := range near[a] {
				if !in[b] {
					in[b] = true
					next = append(next, b)
				}
			}
		}
		frontier = next
	}
	addStepSiblings(rs, child, started, in)

	n := &Network{Child: child, AsOf: asOf}
	for _, p := range rs.People {
		if in[p.ID] {
			n.People = append(n.People, p)
		}
	}
	for _, r := range rs.Relationships {
		if in[r.From] && in[r.To] && started(r) {
			n.Relationships = append(n.Relationships, r.AsOf(asOf))
		}
	}
	homes := map[ID]bool{}
	for _, r := range rs.Residences {
		if in[r.Person] && !r.From.IsZero() && !r.From.After(asOf) {
			n.Residences = append(n.Residences, r)
			homes[r.Household] = true
		}
	}
	for _, h := range rs.Households {
		if homes[h.ID] {
			n.Households = append(n.Households, h)
		}
	}
	for _, c := range rs.Contacts {
		if in[c.From] && in[c.To] && !c.Date.IsZero() && !c.Date.After(asOf) {
			n.Contacts = append(n.Contacts, c)
		}
	}
	for _, a := range rs.Assignments {
		if a.Child == child {
			n.Assignments = append(n.Assignments, a)
		}
	}
	for _, a := range rs.Assessments {
		if a.Child == child && !a.Date.After(asOf) {
			n.Assessments = append(n.Assessments, a)
		}
	}
	for _, a := range rs.PlanActions {
		if a.Child == child && !a.Made.After(asOf) {
			n.PlanActions = append(n.PlanActions, a)
		}
	}
	n.Sort()
	return n
}

// addStepSiblings marks the children of a partner of one of the child's
// parents, through relationships that had started (Store.Network's
// seedStepSiblings).
func addStepSiblings(rs *Records, child ID, started func(Relationship) bool, in map[ID]bool) {
	parents, partners := map[ID]bool{}, map[ID]bool{}
	for _, r := range rs.Relationships {
		if r.Kind == RelParent && r.To == child && r.From != child && started(r) {
			parents[r.From] = true
		}
	}
	for _, r := range rs.Relationships {
		if r.Kind == RelPartner && r.From != r.To && started(r) {
			if parents[r.From] {
				partners[r.To] = true
			}
			if parents[r.To] {
				partners[r.From] = true
			}
		}
	}
	for _, r := range rs.Relationships {
		if r.Kind == RelParent && partners[r.From] && r.To != r.From && started(r) {
			in[r.To] = true
		}
	}
}
