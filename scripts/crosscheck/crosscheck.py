"""Compare kinmap's graph results with networkx.

Reads the export written by main.go (a list of graphs, each with nodes,
edges and kinmap's components, articulation points and betweenness) and
recomputes all three with networkx. Betweenness is compared unnormalised
(kinmap counts each unordered pair once, as networkx does with
normalized=False) with a relative tolerance of 1e-9, and normalised with an
absolute tolerance of 1e-9. Any difference is printed and the exit status
is 1.
"""

import json
import math
import sys

import networkx as nx

TOL = 1e-9


def check(g):
    name = g["name"]
    G = nx.Graph()
    G.add_nodes_from(g["nodes"])
    G.add_edges_from(g["edges"])
    problems = []

    if G.number_of_nodes() != len(g["nodes"]):
        problems.append(f"node count: networkx {G.number_of_nodes()}, kinmap {len(g['nodes'])}")

    want = sorted(sorted(c) for c in nx.connected_components(G))
    got = sorted(sorted(c) for c in g["components"])
    if want != got:
        problems.append(f"components differ: networkx {len(want)}, kinmap {len(got)}")

    want_ap = sorted(nx.articulation_points(G))
    got_ap = sorted(g["articulation_points"])
    if want_ap != got_ap:
        problems.append(
            "articulation points differ: only networkx "
            f"{sorted(set(want_ap) - set(got_ap))}, only kinmap {sorted(set(got_ap) - set(want_ap))}"
        )

    raw = nx.betweenness_centrality(G, normalized=False)
    n = G.number_of_nodes()
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    norm = nx.betweenness_centrality(G, normalized=True)
    got_bc = g["betweenness"]
    if set(got_bc) != set(raw):
        problems.append("betweenness covers different nodes")
    worst = 0.0
    for v, want_v in raw.items():
        got_v = got_bc.get(v, math.nan)
        if not math.isclose(got_v, want_v, rel_tol=TOL, abs_tol=TOL):
            problems.append(f"betweenness of {v}: networkx {want_v!r}, kinmap {got_v!r}")
        elif n > 2 and abs(got_v * scale - norm[v]) > TOL:
            problems.append(f"normalised betweenness of {v}: networkx {norm[v]!r}, kinmap {got_v * scale!r}")
        worst = max(worst, abs(got_v - want_v))
    return name, G.number_of_nodes(), G.number_of_edges(), len(want_ap), worst, problems


def main():
    if len(sys.argv) != 2:
        print("usage: crosscheck.py EXPORT.json", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        graphs = json.load(f)
    if not graphs:
        print("crosscheck: the export holds no graphs", file=sys.stderr)
        return 1
    failed = 0
    for g in graphs:
        name, nodes, edges, aps, worst, problems = check(g)
        status = "ok" if not problems else "DIFFERENT"
        print(f"{status:9} {name}: {nodes} nodes, {edges} edges, {aps} articulation points, "
              f"largest betweenness difference {worst:.3g}")
        for p in problems[:20]:
            print(f"          {p}")
        failed += bool(problems)
    print(f"crosscheck: networkx {nx.__version__}: {len(graphs) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
