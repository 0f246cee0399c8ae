#!/usr/bin/python3
"""Runs every PromQL expression of the Grafana dashboards and Prometheus rules in deploy/ against a
live Prometheus, and fails on any that does not parse, names a metric Prometheus never saw, or
returns no data without being listed in expected-empty.txt with a reason.

Usage: promql_check.py PROMETHEUS_URL DEPLOY_DIR SINCE_EPOCH_SECONDS
"""
import glob
import json
import math
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import yaml

# Grafana's built-in variables, as the check's short run needs them (scrapes every 2 s)
GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$__interval": "10s", "$__range": "5m"}
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
                "offset", "inf", "nan", "start", "end"}


class Expression:
    def __init__(self, ident, source, expr):
        self.ident, self.source, self.expr = ident, source, expr


def dashboard_expressions(deploy):
    out = []
    for path in sorted(glob.glob(os.path.join(deploy, "grafana", "dashboards", "*.json"))):
        with open(path, encoding="utf-8") as f:
            board = json.load(f)
        rel = os.path.relpath(path, deploy)

        def walk(panels):
            for panel in panels:
                walk(panel.get("panels", []))
                for target in panel.get("targets", []):
                    if target.get("expr"):
                        ident = "%s/%s/%s" % (board["uid"], panel.get("title", panel.get("id")), target.get("refId"))
                        out.append(Expression(ident, rel, target["expr"]))

        walk(board.get("panels", []))
        for variable in board.get("templating", {}).get("list", []):
            query = variable.get("query")
            if variable.get("type") == "query" and query:
                expr = query.get("query") if isinstance(query, dict) else query
                out.append(Expression("%s/$%s" % (board["uid"], variable["name"]), rel, expr))
    return out


def rule_expressions(deploy):
    out = []
    for path in sorted(glob.glob(os.path.join(deploy, "prometheus", "rules", "*.yml"))):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        for group in doc.get("groups", []):
            for rule in group.get("rules", []):
                name = rule.get("alert") or rule.get("record")
                out.append(Expression("rules/%s/%s" % (group["name"], name), os.path.relpath(path, deploy), rule["expr"]))
    return out


def resolve_variables(expr):
    for name, value in GRAFANA_VARIABLES.items():
        expr = expr.replace(name, value)
    if "$" in expr:
        raise ValueError("unresolved Grafana variable in: " + expr)
    return expr


def metric_names(expr):
    """The metric names an expression selects: identifiers that are not functions, keywords,
    label names, label values, durations or numbers."""
    s = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`', '""', expr)
    s = re.sub(r"\{[^}]*\}", " ", s)
    s = re.sub(r"\[[^\]]*\]", " ", s)
    s = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", s)
    names = set()
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", s):
        before = s[m.start() - 1] if m.start() > 0 else " "
        if before.isdigit() or before == ".":
            continue  # the exponent of 4e12, a duration's unit
        if s[m.end():].lstrip().startswith("("):
            continue  # a function or an aggregation
        if m.group(0).lower() in PROMQL_WORDS:
            continue
        names.add(m.group(0))
    return names


class Prometheus:
    def __init__(self, url):
        self.url = url.rstrip("/")

    def get(self, path, **params):
        query = urllib.parse.urlencode(params)
        try:
            with urllib.request.urlopen("%s%s?%s" % (self.url, path, query), timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            return json.load(e)  # 400/422 carry the error as JSON

    def metric_names(self):
        return set(self.get("/api/v1/label/__name__/values")["data"])

    def has_data(self, expr, start, end):
        """(error, True when some sample is a number)."""
        answer = self.get("/api/v1/query_range", query=expr, start=start, end=end, step="2s")
        if answer.get("status") != "success":
            return "%s: %s" % (answer.get("errorType"), answer.get("error")), False
        for series in answer["data"]["result"]:
            if any(not math.isnan(float(value)) for _, value in series["values"]):
                return None, True
        return None, False


def read_expected_empty(path):
    """id -> reason, from lines 'id | reason'."""
    expected = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            ident, sep, reason = (part.strip() for part in line.partition("|"))
            if not sep or not reason:
                raise ValueError("%s:%d: expected 'id | reason', got: %s" % (path, number, line))
            expected[ident] = reason
    return expected


def check(expression, prometheus, known, start, end):
    """Problems that fail the check, and whether it returned data."""
    try:
        expr = resolve_variables(expression.expr)
    except ValueError as e:
        return [str(e)], False
    error, data = prometheus.has_data(expr, start, end)
    if error:
        return ["does not run: " + error], False
    missing = sorted(metric_names(expr) - known)
    if missing:
        return ["no such metric: " + ", ".join(missing)], data
    return [], data


def self_test(prometheus, known, start, end):
    """The check must catch what it is there to catch; otherwise passing would mean nothing."""
    bad_metric = Expression("self-test/missing", "-", "sum(rate(chipwatch_no_such_metric_total[$__rate_interval]))")
    bad_syntax = Expression("self-test/syntax", "-", "sum(rate(up[1m])")
    if not check(bad_metric, prometheus, known, start, end)[0] or not check(bad_syntax, prometheus, known, start, end)[0]:
        raise SystemExit("promql_check: self-test failed: a missing metric or a syntax error went unnoticed")


def rule_health(prometheus):
    problems = []
    for group in prometheus.get("/api/v1/rules")["data"]["groups"]:
        for rule in group["rules"]:
            if rule.get("health") == "err":
                problems.append("rule %s/%s fails to evaluate: %s" % (group["name"], rule["name"], rule.get("lastError")))
    return problems


def main():
    url, deploy, since = sys.argv[1], sys.argv[2], float(sys.argv[3])
    prometheus = Prometheus(url)
    expected_empty = read_expected_empty(os.path.join(deploy, "check", "expected-empty.txt"))
    expressions = dashboard_expressions(deploy) + rule_expressions(deploy)
    if not expressions:
        raise SystemExit("promql_check: no expressions found under " + deploy)
    known = prometheus.metric_names()
    start, end = since, time.time()
    self_test(prometheus, known, start, end)

    failures, with_data, empty_as_expected, surprising = [], 0, [], []
    for e in expressions:
        problems, data = check(e, prometheus, known, start, end)
        if not problems and not data and e.ident not in expected_empty:
            problems = ["returned no data (list it in check/expected-empty.txt with the reason if that is right)"]
        for problem in problems:
            failures.append("%s (%s): %s\n      %s" % (e.ident, e.source, problem, " ".join(e.expr.split())))
        if problems:
            continue
        if data:
            with_data += 1
            if e.ident in expected_empty:
                surprising.append(e.ident)
        else:
            empty_as_expected.append(e.ident)
    idents = {e.ident for e in expressions}
    for stale in sorted(set(expected_empty) - idents):
        failures.append("expected-empty.txt names %s, which is no expression in the dashboards or rules" % stale)
    failures += rule_health(prometheus)

    print("PromQL check: %d expressions (%d in dashboards, %d in rules): %d returned data, %d empty as expected, %d failed"
          % (len(expressions), sum(1 for e in expressions if not e.ident.startswith("rules/")),
             sum(1 for e in expressions if e.ident.startswith("rules/")), with_data, len(empty_as_expected), len(failures)))
    for ident in empty_as_expected:
        print("  expected empty: %s — %s" % (ident, expected_empty[ident]))
    for ident in surprising:
        print("  note: listed as expected-empty but returned data this time: %s" % ident)
    firing = prometheus.get("/api/v1/alerts")["data"]["alerts"]
    for alert in firing:
        print("  alert %s: %s" % (alert["state"], alert["labels"].get("alertname")))
    for failure in failures:
        print("  FAILED: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
