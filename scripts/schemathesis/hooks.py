"""schemathesis hooks for scripts/schemathesis/run.sh.

Rules kinmap enforces that JSON Schema cannot say (they relate two values):
a request that breaks one is refused with 400 although it matches the
OpenAPI document, so schemathesis must not count it as a valid request
refused. The server's own checks are the records' Validate methods in
graph/ and the handlers in api/; keep these in step with them. The hooks
only skip generated requests (and give a PUT body's id the path's, the
one id it may carry): nothing here makes a request that breaks the
schema pass.
"""

import datetime
import os
import re
from zoneinfo import ZoneInfo

import schemathesis

# Hypothesis describes each filter by parsing its source; on some Python
# 3.11 builds that parse of a large module raises SystemError ("AST
# constructor recursion depth mismatch"), which ends the operation's test
# as an error. The description is only a name: give a plain one instead.
try:
    from hypothesis.internal import lambda_sources as _lambda_sources

    _describe = _lambda_sources.lambda_description

    def _lambda_description(f):
        try:
            return _describe(f)
        except SystemError:
            return "lambda: <source not parsed>"

    _lambda_sources.lambda_description = _lambda_description
except (ImportError, AttributeError):
    pass


ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")


def _date(v):
    if isinstance(v, str) and v:
        try:
            return datetime.date.fromisoformat(v)
        except ValueError:
            return None
    return None


def _before(a, b):
    """Both given and a is after b: the pair is out of order."""
    a, b = _date(a), _date(b)
    return a is not None and b is not None and a > b


def _view_ok(v):
    # A view gives a circle or the child's words (or is left out).
    return not isinstance(v, dict) or bool(v.get("circle")) or bool(v.get("words"))


def _arrangement_ok(a):
    if not isinstance(a, dict):
        return True
    if a.get("mode") == "none" and (a.get("frequency") or a.get("supervised") or a.get("via")):
        return False
    return True


def _details_ok(v, kind):
    if not isinstance(v, dict):
        return True
    if not (_view_ok(v.get("from_view")) and _view_ok(v.get("to_view")) and _arrangement_ok(v.get("contact"))):
        return False
    if v.get("separation") is not None and kind != "sibling":
        return False
    return True


def person_ok(p):
    if not isinstance(p, dict):
        return True
    la = p.get("looked_after") is True
    since, until, born = p.get("looked_after_since"), p.get("looked_after_until"), p.get("date_of_birth")
    if not la and (since or until):
        return False
    return not (_before(since, until) or _before(born, since) or _before(born, until))


def relationship_ok(r):
    if not isinstance(r, dict):
        return True
    kind = r.get("kind")
    if r.get("from") is not None and r.get("from") == r.get("to"):
        return False
    if (kind == "sibling") != bool(r.get("sibling_type")):
        return False
    if _before(r.get("since"), r.get("until")):
        return False
    if r.get("history"):  # kept by kinmap: a client sends none (or it unchanged)
        return False
    for v in r.get("said") or []:  # a view is given by one of the two, by today
        if isinstance(v, dict) and (v.get("by") not in (r.get("from"), r.get("to")) or _future(v.get("on"))):
            return False
    via = (r.get("contact") or {}).get("via") if isinstance(r.get("contact"), dict) else None
    if via and via in (r.get("from"), r.get("to")):  # a go-between is someone else
        return False
    return _details_ok(r, kind)


def residence_ok(r):
    return not isinstance(r, dict) or not _before(r.get("from"), r.get("until"))


def contact_ok(c):
    return not isinstance(c, dict) or c.get("from") is None or c.get("from") != c.get("to")


def assignment_ok(a):
    return not isinstance(a, dict) or not _before(a.get("since"), a.get("until"))


def _future(v):
    d = _date(v)
    return d is not None and d > _today()


def assessment_ok(a):
    # Not in the future; each connection once, with a reason exactly when
    # they are to live apart, and a view of living or of contact.
    if not isinstance(a, dict):
        return True
    if _future(a.get("date")):
        return False
    seen = set()
    for c in a.get("connections") or []:
        if not isinstance(c, dict):
            continue
        person = c.get("person") if isinstance(c.get("person"), str) else None
        if person in seen or (person and person == a.get("child")):
            return False
        seen.add(person)
        if (c.get("living") == "live_apart") != bool(c.get("reason")):
            return False
        if not c.get("living") and c.get("contact") is None:
            return False
        if not _arrangement_ok(c.get("contact")):
            return False
    return True


def plan_action_ok(a):
    # Made by today, due no earlier; a reason exactly when not done; the
    # day the status changed given once done or not done, between made
    # and today.
    if not isinstance(a, dict):
        return True
    made, status = a.get("made"), a.get("status")
    if _future(made) or _before(made, a.get("due")):
        return False
    if (status == "not_done") != bool(a.get("reason")):
        return False
    changed = a.get("status_changed")
    if status in ("done", "not_done") and not changed:
        return False
    if changed and (_future(changed) or _before(made, changed)):
        return False
    if a.get("person") and a.get("person") == a.get("child"):
        return False
    return True


def plan_status_ok(b):
    if not isinstance(b, dict):
        return True
    if (b.get("status") == "not_done") != bool(b.get("reason")):
        return False
    return not _future(b.get("changed"))


BODY_RULES = {
    "/api/v1/children/{id}/assessments": assessment_ok,
    "/api/v1/children/{id}/plan-actions": plan_action_ok,
    "/api/v1/plan-actions/{id}/status": plan_status_ok,
    "/api/v1/people": person_ok,
    "/api/v1/people/{id}": person_ok,
    "/api/v1/relationships": relationship_ok,
    "/api/v1/relationships/{id}": relationship_ok,
    "/api/v1/residences": residence_ok,
    "/api/v1/contacts": contact_ok,
    "/api/v1/assignments": assignment_ok,
}


def document_ok(d):
    if not isinstance(d, dict):
        return True
    for key in ("assessments", "plan_actions"):  # in a document, each names its id and child
        for x in d.get(key) or []:
            if isinstance(x, dict) and not (x.get("id") and x.get("child")):
                return False
    for key, rule in (("people", person_ok), ("households", None), ("relationships", relationship_ok),
                      ("residences", residence_ok), ("contacts", contact_ok), ("assignments", assignment_ok),
                      ("assessments", assessment_ok), ("plan_actions", plan_action_ok)):
        items = d.get(key)
        if isinstance(items, list) and rule and not all(rule(x) for x in items):
            return False
        if isinstance(items, list):
            ids = [x.get("id") for x in items if isinstance(x, dict) and isinstance(x.get("id"), str)]
            if len(ids) != len(set(ids)):  # ids are unique per type
                return False
    return True


def _refs_ok(d):
    """Every reference names a record of the document (kinmap would also
    take one in the store; this run does not know which those are)."""
    ids = {k: {x.get("id") for x in d.get(k) or [] if isinstance(x, dict) and isinstance(x.get("id"), str)}
           for k in ("people", "households")}
    ends = (("residences", "person", "people"), ("residences", "household", "households"),
            ("relationships", "from", "people"), ("relationships", "to", "people"),
            ("contacts", "from", "people"), ("contacts", "to", "people"), ("assignments", "child", "people"),
            ("assessments", "child", "people"), ("plan_actions", "child", "people"), ("plan_actions", "person", "people"))
    for key, field, kind in ends:
        items = d.get(key)
        for x in items if isinstance(items, list) else []:
            if isinstance(x, dict) and isinstance(x.get(field), str) and x.get(field) and x.get(field) not in ids[kind]:
                return False
    for a in d.get("assessments") or []:
        for c in (a.get("connections") or []) if isinstance(a, dict) else []:
            if isinstance(c, dict) and isinstance(c.get("person"), str) and c.get("person") not in ids["people"]:
                return False
    for r in d.get("relationships") or []:
        via = r.get("contact", {}).get("via") if isinstance(r, dict) and isinstance(r.get("contact"), dict) else None
        if isinstance(via, str) and via and via not in ids["people"]:
            return False
    return True


def _today():
    return datetime.datetime.now(ZoneInfo("Europe/London")).date()


def query_ok(path, query):
    # A review's since is not after as_of (default today); a map's is
    # strictly before it.
    if not isinstance(query, dict) or not query.get("since"):
        return True
    since, as_of = _date(query.get("since")), _date(query.get("as_of")) or _today()
    if since is None:
        return True
    if path.endswith(("/map.svg", "/map.png", "/map.dot")):
        return since < as_of
    return since <= as_of


@schemathesis.hook
def filter_case(ctx, case):
    return case_ok(ctx.operation, case)


@schemathesis.hook
def map_case(ctx, case):
    # An update's body may name its record: the path's, so give it that.
    body, params = case.body, case.path_parameters or {}
    if (ctx.operation.method.upper() == "PUT" and isinstance(body, dict) and isinstance(body.get("id"), str)
            and ID.match(body["id"]) and isinstance(params.get("id"), str) and ID.match(params["id"])):
        body["id"] = params["id"]
    return case


def _instant(v):
    """A date or RFC 3339 time as a UTC datetime (None when neither)."""
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2}))?", v or "")
    if not m:
        return None
    try:
        day = datetime.date.fromisoformat(m.group(1))
        if m.group(2) is None:
            return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)
        off = datetime.timedelta(0)
        if m.group(5) != "Z":
            sign = -1 if m.group(5)[0] == "-" else 1
            off = sign * datetime.timedelta(hours=int(m.group(5)[1:3]), minutes=int(m.group(5)[4:6]))
        t = datetime.datetime(day.year, day.month, day.day, int(m.group(2)), int(m.group(3)), int(m.group(4)),
                              tzinfo=datetime.timezone(off))
        return t.astimezone(datetime.timezone.utc)
    except (ValueError, OverflowError):
        return None


def audit_ok(query):
    # after is a cursor an earlier page gave (opaque: none is drawn); the
    # audit's to is after its from (a drawn pair that cannot be read as
    # times is skipped too: too rare to matter).
    if isinstance(query, dict) and query.get("after"):
        return False
    if not isinstance(query, dict) or not query.get("from") or not query.get("to"):
        return True
    a, b = _instant(query.get("from")), _instant(query.get("to"))
    return a is not None and b is not None and a < b


@schemathesis.hook
def before_add_examples(ctx, examples):
    # The examples phase takes no filter_case: drop its cases here.
    examples[:] = [c for c in examples if case_ok(ctx.operation, c)]


def case_ok(op, case):
    path, method = op.path, op.method.upper()
    body, params = case.body, case.path_parameters or {}
    if path == "/api/v1/import":
        if not (document_ok(body) and (not isinstance(body, dict) or _refs_ok(body))):
            return False
    else:
        rule = BODY_RULES.get(path)
        if rule is not None and not rule(body):
            return False
    # A record created under a child names that child, or none.
    if (path.startswith("/api/v1/children/{id}/") and method == "POST" and isinstance(body, dict)
            and body.get("child") and body.get("child") != params.get("id")):
        return False
    if not query_ok(path, case.query):
        return False
    if path == "/api/v1/audit" and not audit_ok(case.query):
        return False
    # An update's body names the record of its path, or none (map_case
    # makes a drawn id the path's).
    if method == "PUT" and isinstance(body, dict) and body.get("id") and body.get("id") != params.get("id"):
        return False
    # Never revoke the tokens the run itself is using.
    if path == "/api/v1/tokens/{id}/revoke" and params.get("id") in os.environ.get("ST_OWN_TOKENS", "").split(","):
        return False
    return True
