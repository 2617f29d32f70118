// The sibling placement report in pure Cypher (Neo4j 5, no plugins): a
// reference implementation of analysis.SiblingPlacementReport (see its doc
// comment for the rules), written as an evaluator would write it, for
// scripts/bench-authority.sh to time and to compare figures with.
// Parameter: $asOf, a date. Returns one row, `report`, in the JSON shape
// of `kinmap report`.
//
// One known gap: a separation reason changed since the date is read as it
// is now (a relationship's history is JSON text, which Cypher cannot read
// without plugins); kinmap reads it as it was. Generated authorities have
// no history, so the figures agree on them.
CALL () {
  // Looked-after children at the date, their homes and looked-after siblings.
  MATCH (p:Person)
  WHERE p.looked_after = true AND p.pet IS NULL
    AND (p.looked_after_since IS NULL OR p.looked_after_since <= $asOf)
    AND (p.looked_after_until IS NULL OR p.looked_after_until >= $asOf)
    AND CASE WHEN p.date_of_birth IS NOT NULL THEN duration.inMonths(p.date_of_birth, $asOf).years < 18
             ELSE coalesce(p.age_band, '') <> 'adult' END
  OPTIONAL CALL (p) {
    MATCH (p)-[l:LIVES_IN]->(h:Household)
    WHERE (l.from IS NULL OR l.from <= $asOf) AND (l.until IS NULL OR l.until >= $asOf)
    RETURN h AS ph ORDER BY l.from DESC LIMIT 1
  }
  OPTIONAL CALL (p) {
    MATCH (p)-[r:CONNECTED]-(o:Person)
    WHERE r.kind = 'sibling' AND o <> p AND o.pet IS NULL
      AND (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until >= $asOf)
    RETURN o
    UNION
    MATCH (p)<-[r1:CONNECTED]-(par:Person)-[r2:CONNECTED]->(o:Person)
    WHERE r1.kind = 'parent' AND r2.kind = 'parent' AND o <> p AND o <> par AND o.pet IS NULL
      AND (r1.since IS NULL OR r1.since <= $asOf) AND (r2.since IS NULL OR r2.since <= $asOf)
    RETURN o
  }
  WITH p, ph, CASE WHEN o.looked_after = true
      AND (o.looked_after_since IS NULL OR o.looked_after_since <= $asOf)
      AND (o.looked_after_until IS NULL OR o.looked_after_until >= $asOf)
      AND CASE WHEN o.date_of_birth IS NOT NULL THEN duration.inMonths(o.date_of_birth, $asOf).years < 18
               ELSE coalesce(o.age_band, '') <> 'adult' END THEN o END AS o
  OPTIONAL CALL (o) {
    MATCH (o)-[l:LIVES_IN]->(h:Household)
    WHERE (l.from IS NULL OR l.from <= $asOf) AND (l.until IS NULL OR l.until >= $asOf)
    RETURN h AS oh ORDER BY l.from DESC LIMIT 1
  }
  WITH p, ph, count(o) AS sibs, collect(CASE WHEN oh IS NOT NULL THEN {id: o.id, home: oh.id} END) AS known
  WITH p, ph, sibs, known, [k IN known WHERE k.home <> ph.id] AS apart
  WITH p, ph, sibs, known, apart, ph IS NOT NULL AND size(known) > 0 AS assessed,
    [k IN apart WHERE p.id < k.id] AS pairs
  WITH *, size([k IN pairs WHERE NOT EXISTS {
      MATCH (p)-[r:CONNECTED]-(x:Person {id: k.id})
      WHERE r.kind = 'sibling' AND r.separation_reason IS NOT NULL
        AND (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until >= $asOf) }]) AS noReason
  WITH count(*) AS lac, sum(CASE WHEN sibs > 0 THEN 1 ELSE 0 END) AS withSib,
    sum(CASE WHEN ph IS NULL THEN 1 ELSE 0 END) AS notRecorded,
    sum(CASE WHEN assessed AND size(apart) > 0 THEN 1 ELSE 0 END) AS separated,
    sum(CASE WHEN assessed THEN size(pairs) ELSE 0 END) AS separations,
    sum(CASE WHEN assessed THEN noReason ELSE 0 END) AS separationsNoReason,
    collect(CASE WHEN assessed THEN [
      CASE size(known) WHEN 1 THEN '1' WHEN 2 THEN '2' WHEN 3 THEN '3' ELSE '4+' END,
      CASE ph.kind WHEN 'kinship' THEN 'kinship' WHEN 'foster' THEN 'foster' WHEN 'residential' THEN 'residential'
        WHEN 'secure' THEN 'residential' ELSE 'other' END,
      size(apart) > 0] END) AS rows
  RETURN lac, withSib, notRecorded, separated, separations, separationsNoReason, rows
}
CALL () {
  // Sibling groups: components over current sibling relationships and
  // shared recorded parents (parent relationships that had started by the
  // date, ended or not), with no pet at either end of any relationship.
  // A variable-length pattern cannot say "up to a parent, then down to
  // another of their children, never on to the parent's own siblings or
  // parents", so each group is walked breadth first from each of its
  // looked-after children with a home (only groups with two of them are
  // counted), one step being a sibling relationship or a shared parent.
  MATCH (x:Person)
  WHERE x.looked_after = true AND x.pet IS NULL
    AND (x.looked_after_since IS NULL OR x.looked_after_since <= $asOf)
    AND (x.looked_after_until IS NULL OR x.looked_after_until >= $asOf)
    AND CASE WHEN x.date_of_birth IS NOT NULL THEN duration.inMonths(x.date_of_birth, $asOf).years < 18
             ELSE coalesce(x.age_band, '') <> 'adult' END
    AND EXISTS {
      MATCH (x)-[l:LIVES_IN]->(:Household)
      WHERE (l.from IS NULL OR l.from <= $asOf) AND (l.until IS NULL OR l.until >= $asOf) }
  WITH x, reduce(st = {seen: [x], frontier: [x]}, step IN range(1, 1000) |
    CASE WHEN size(st.frontier) = 0 THEN st ELSE
      reduce(_ = null, next IN [reduce(acc = [], v IN st.frontier | reduce(a = acc, w IN
          [(v)-[r:CONNECTED]-(o:Person)
            WHERE r.kind = 'sibling' AND o <> v AND o.pet IS NULL
              AND (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until >= $asOf) | o] +
          [(v)<-[r1:CONNECTED]-(par:Person)-[r2:CONNECTED]->(o:Person)
            WHERE r1.kind = 'parent' AND r2.kind = 'parent' AND o <> v AND par <> v AND par <> o
              AND par.pet IS NULL AND o.pet IS NULL
              AND (r1.since IS NULL OR r1.since <= $asOf) AND (r2.since IS NULL OR r2.since <= $asOf) | o]
        | CASE WHEN w IN st.seen OR w IN a THEN a ELSE a + w END))] |
        {seen: st.seen + next, frontier: next})
    END) AS st
  // 1000 steps walk any group of up to 1,001 people; a larger one fails
  // the query (division by zero) rather than be counted half walked.
  WITH x, st.seen AS seen, CASE WHEN size(st.frontier) > 0 THEN 1 / 0 ELSE 0 END AS unfinished
  WHERE unfinished = 0
  WITH reduce(m = x.id, y IN seen | CASE WHEN y.id < m THEN y.id ELSE m END) AS comp, head(collect(seen)) AS seen
  UNWIND seen AS y
  OPTIONAL CALL (y) {
    MATCH (y)-[l:LIVES_IN]->(h:Household)
    WHERE y.looked_after = true
      AND (y.looked_after_since IS NULL OR y.looked_after_since <= $asOf)
      AND (y.looked_after_until IS NULL OR y.looked_after_until >= $asOf)
      AND CASE WHEN y.date_of_birth IS NOT NULL THEN duration.inMonths(y.date_of_birth, $asOf).years < 18
               ELSE coalesce(y.age_band, '') <> 'adult' END
      AND (l.from IS NULL OR l.from <= $asOf) AND (l.until IS NULL OR l.until >= $asOf)
    RETURN h.id AS home ORDER BY l.from DESC LIMIT 1
  }
  WITH comp, collect(home) AS homes, collect(DISTINCT home) AS dh
  WHERE size(homes) >= 2
  WITH CASE size(dh) WHEN 1 THEN 'together' WHEN size(homes) THEN 'apart' ELSE 'partly_together' END AS status
  RETURN count(*) AS groups, sum(CASE status WHEN 'together' THEN 1 ELSE 0 END) AS together,
    sum(CASE status WHEN 'partly_together' THEN 1 ELSE 0 END) AS partly,
    sum(CASE status WHEN 'apart' THEN 1 ELSE 0 END) AS apart
}
WITH *, [c IN ['1', '2', '3', '4+'] | [c, size([x IN rows WHERE x[0] = c]), size([x IN rows WHERE x[0] = c AND x[2]])]] AS bySib,
  [c IN ['kinship', 'foster', 'residential', 'other'] | [c, size([x IN rows WHERE x[1] = c]), size([x IN rows WHERE x[1] = c AND x[2]])]] AS byPlace
WITH *, size(rows) AS assessedCount
RETURN {
  as_of: toString($asOf),
  looked_after_children: lac, with_looked_after_sibling: withSib, household_not_recorded: notRecorded,
  separated: separated,
  separated_rate: CASE WHEN assessedCount > 0 THEN round(toFloat(separated) / assessedCount, 4) ELSE 0 END,
  by_looked_after_siblings: [c IN bySib | {category: c[0], children: c[1], separated: c[2],
    rate: CASE WHEN c[1] > 0 THEN round(toFloat(c[2]) / c[1], 4) ELSE 0 END}],
  by_placement_type: [c IN byPlace | {category: c[0], children: c[1], separated: c[2],
    rate: CASE WHEN c[1] > 0 THEN round(toFloat(c[2]) / c[1], 4) ELSE 0 END}],
  sibling_groups: {groups: groups, together: together, partly_together: partly, apart: apart,
    split_rate: CASE WHEN groups > 0 THEN round(toFloat(partly + apart) / groups, 4) ELSE 0 END},
  separations: separations, separations_no_reason: separationsNoReason
} AS report
