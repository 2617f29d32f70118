#!/usr/bin/env python3
"""The sibling placement report computed with networkx from an export.

A reference implementation of analysis.SiblingPlacementReport (see its
doc comment for the rules), written as an evaluator would write it, for
scripts/bench-authority.sh to time and to compare figures with.

usage: report_networkx.py EXPORT.json YYYY-MM-DD  (prints the report JSON)
"""
import json
import math
import sys
from collections import defaultdict
from datetime import date

import networkx as nx


def d(s):
    return date.fromisoformat(s) if s else None


def covers(since, until, day):
    return (since is None or since <= day) and (until is None or until >= day)


def years(day, dob):
    y = day.year - dob.year
    if (day.month, day.day) < (dob.month, dob.day):
        y -= 1
    return y


def ratio(a, b):
    # as kinmap's math.Round(a/b*1e4)/1e4: halves away from zero (Python's
    # round() takes 0.33125 to 0.3312, kinmap and Cypher to 0.3313)
    if b <= 0:
        return 0
    x = a / b * 1e4
    r = math.floor(x)
    return (r + 1 if x - r >= 0.5 else r) / 1e4


def separation_on(rel, day):
    for v in rel.get("history") or []:
        if d(v["until"]) >= day:
            return v.get("separation")
    return rel.get("separation")


def report(doc, day):
    people = {p["id"]: p for p in doc.get("people") or []}
    pet = {i for i, p in people.items() if p.get("pet")}

    def la_child(i):
        p = people.get(i)
        if p is None or p.get("pet") or not p.get("looked_after"):
            return False
        if not covers(d(p.get("looked_after_since")), d(p.get("looked_after_until")), day):
            return False
        dob = d(p.get("date_of_birth"))
        adult = years(day, dob) >= 18 if dob else p.get("age_band") == "adult"
        return not adult

    kinds = {h["id"]: h.get("kind") for h in doc.get("households") or []}
    home, home_from = {}, {}
    for r in doc.get("residences") or []:
        f, u = d(r["from"]), d(r.get("until"))
        if covers(f, u, day) and (r["person"] not in home_from or f > home_from[r["person"]]):
            home[r["person"]], home_from[r["person"]] = r["household"], f

    sib = nx.Graph()  # current sibling relationships, no pets
    seps = defaultdict(list)  # separations recorded on those, by pair
    children_of = defaultdict(set)  # parent -> children, started parent relationships
    parents_of = defaultdict(set)
    for r in doc.get("relationships") or []:
        a, b = r["from"], r["to"]
        if r["kind"] == "sibling":
            if a != b and covers(d(r.get("since")), d(r.get("until")), day) and a not in pet and b not in pet:
                sib.add_edge(a, b)
                seps[frozenset((a, b))].append(separation_on(r, day))
        elif r["kind"] == "parent":
            since = d(r.get("since"))
            if a != b and (since is None or since <= day):
                children_of[a].add(b)
                parents_of[b].add(a)

    # The sibling groups' graph: the current sibling relationships plus a
    # tie between every two children of a recorded parent (parent
    # relationships that had started by the date, ended or not), with no
    # pet at either end of any relationship (parent or child) and no one
    # in the record missing.
    groups = sib.copy()
    for par, kids in children_of.items():
        if par in pet or par not in people:
            continue
        kids = sorted(k for k in kids if k not in pet and k in people)
        groups.add_edges_from((a, b) for i, a in enumerate(kids) for b in kids[i + 1:])

    def siblings(i):
        out = set(sib.neighbors(i)) if i in sib else set()
        for par in parents_of[i]:
            out |= {o for o in children_of[par] if o != i and o != par and o not in pet}
        return out

    la = sorted(i for i in people if la_child(i))
    las = set(la)
    rep = {"as_of": day.isoformat(), "looked_after_children": len(la), "with_looked_after_sibling": 0,
           "household_not_recorded": 0, "separated": 0, "separations": 0, "separations_no_reason": 0}
    by_sib = {c: [0, 0] for c in ("1", "2", "3", "4+")}
    by_place = {c: [0, 0] for c in ("kinship", "foster", "residential", "other")}
    place = {"kinship": "kinship", "foster": "foster", "residential": "residential", "secure": "residential"}
    for i in la:
        h = home.get(i)
        if h is None:
            rep["household_not_recorded"] += 1
        sibs = [o for o in siblings(i) if o in las]
        if sibs:
            rep["with_looked_after_sibling"] += 1
        known = [o for o in sibs if o in home]
        if h is None or not known:
            continue
        apart = [o for o in known if home[o] != h]
        for o in apart:
            if i < o:
                rep["separations"] += 1
                if not any(s for s in seps.get(frozenset((i, o)), [])):
                    rep["separations_no_reason"] += 1
        for cat in (by_sib[("1", "2", "3", "4+")[min(len(known), 4) - 1]], by_place[place.get(kinds.get(h), "other")]):
            cat[0] += 1
            cat[1] += bool(apart)
        rep["separated"] += bool(apart)
    assessed = sum(c[0] for c in by_sib.values())
    rep["separated_rate"] = ratio(rep["separated"], assessed)
    rep["by_looked_after_siblings"] = [{"category": k, "children": v[0], "separated": v[1], "rate": ratio(v[1], v[0])} for k, v in by_sib.items()]
    rep["by_placement_type"] = [{"category": k, "children": v[0], "separated": v[1], "rate": ratio(v[1], v[0])} for k, v in by_place.items()]
    g = {"groups": 0, "together": 0, "partly_together": 0, "apart": 0}
    for comp in nx.connected_components(groups):
        if len(comp) < 2:
            continue
        homes = [home[m] for m in comp if m in las and m in home]
        if len(homes) < 2:
            continue
        distinct = len(set(homes))
        g["groups"] += 1
        g["together" if distinct == 1 else "apart" if distinct == len(homes) else "partly_together"] += 1
    g["split_rate"] = ratio(g["partly_together"] + g["apart"], g["groups"])
    rep["sibling_groups"] = g
    return rep


def main():
    with open(sys.argv[1]) as f:
        doc = json.load(f)
    json.dump(report(doc, d(sys.argv[2])), sys.stdout, indent=2, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
