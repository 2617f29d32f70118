package viz

import "github.com/kinmap/kinmap/graph"

// Contact through someone else (graph.Arrangement.Via): the line from the
// child to the person goes through the go-between's node (the adoption
// agency of letterbox contact, a residential keyworker), as two lines
// styled as that contact. A go-between with no tie of their own to the
// child is added to the map for it.

// withVias marks each person of people (built from conns, in the same
// order) whose contact goes through someone, adds go-betweens who are not
// on the map yet, and returns the people. The go-between is shown only
// where the audience may see the person's contact arrangement.
func (r *redactor) withVias(people []personView, conns []*connection, childName string) []personView {
	onMap := map[graph.ID]int{}
	for i, c := range conns {
		people[i].who = c.p.ID
		onMap[c.p.ID] = i
	}
	for i, c := range conns {
		via := viaOf(c)
		if via == "" || via == r.child || via == c.p.ID || !r.may(fContact) ||
			(c.f.restriction != nil && !r.may(fRestrictedDetail)) {
			continue
		}
		j, ok := onMap[via]
		if !ok {
			p := r.ix.Person(via)
			if p == nil {
				continue
			}
			gc := &connection{p: p, f: factsBetween(r.ix, r.child, via, r.asOf)}
			pv := r.personFor(gc, childName)
			pv.who, pv.group, pv.ring, pv.line = via, groupProfessionals, 4, people[i].line
			pv.roles = "Contact goes through them"
			if r.aud == Child {
				pv.roles = "Helps me keep in touch"
			}
			people = append(people, pv)
			j = len(people) - 1
			onMap[via] = j
		}
		people[i].via = via
		people[i].contact = append(people[i].contact, "Through "+people[j].name)
	}
	return people
}

// viaOf returns the go-between of the connection's current arrangement.
func viaOf(c *connection) graph.ID {
	if c.f.arrangement == nil || c.f.arrangement.Mode == graph.ContactNone {
		return ""
	}
	return c.f.arrangement.Via
}

// drawVia draws p's line through its go-between, when p has one on the
// map, and reports whether it did: the go-between's own line from the
// child is drawn with the go-between.
func drawVia(w *dotWriter, v *mapView, p personView) bool {
	if p.via == "" {
		return false
	}
	for _, q := range v.people {
		if q.who == p.via {
			w.edge(q.node, p.node, lineAttrs(p.line, p.group, v.aud)...)
			return true
		}
	}
	return false
}
