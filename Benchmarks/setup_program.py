#!/usr/bin/env python3
"""Creates the benchmark program through the API: currencies, 10 rules, organizations and members.

Usage: setup_program.py BASE_URL ADMIN_KEY MEMBERS
LAUREL_BENCH_BOARDS=N (0 to 5) also defines N leaderboards, LAUREL_BENCH_GOALS=N (0 to 2) N goals and
LAUREL_BENCH_QUESTS=N (0 to 3) N quests on the benchmark's own event types, to measure what they cost ingestion.
Uses one keep-alive connection and only the standard library.
"""
import http.client
import json
import os
import sys
import urllib.parse

base, admin_key, member_count = sys.argv[1], sys.argv[2], int(sys.argv[3])
url = urllib.parse.urlparse(base)
connection = http.client.HTTPConnection(url.hostname, url.port)
headers = {"Authorization": f"Bearer {admin_key}", "Content-Type": "application/json"}


def put(path, body):
    connection.request("PUT", path, json.dumps(body), headers)
    response = connection.getresponse()
    text = response.read()
    if response.status not in (200, 201):
        sys.exit(f"PUT {path}: {response.status} {text[:300]!r}")


award = lambda currency, amount, to="member": {"award": {"currency": currency, "amount": amount, "to": to}}
put("/v1/currencies/points", {"name": "Points", "expiry": {"after_days": 365}})
put("/v1/currencies/status_credits", {"name": "Status credits", "redeemable": False})
rules = {
    "video": {"on": "video.watched", "then": [award("points", 10)]},
    "video-cap": {"on": "video.watched", "then": [award("status_credits", 1)],
                  "limits": [{"per": "member", "period": "day", "max_count": 5}]},
    "quiz": {"on": "quiz.passed", "when": {"fact": "event.score", "op": "gte", "value": 7}, "then": [award("points", 100)]},
    "lead": {"on": "lead.registered", "then": [award("points", 500)]},
    "deal": {"on": "deal.closed",
             "when": {"all": [{"fact": "event.amount", "op": "gte", "value": 1000},
                              {"fact": "member.role", "op": "in", "value": ["sales", "manager"]}]},
             "then": [award("points", "floor(event.amount * 0.02)"), award("status_credits", 50, "organization")]},
    "deal-big": {"on": "deal.closed", "when": {"fact": "event.amount", "op": "between", "value": [50000, 1000000]},
                 "then": [award("points", 1000)]},
    "deal-region": {"on": "deal.closed", "when": {"fact": "member.attributes.region", "op": "eq", "value": "emea"},
                    "then": [award("points", 25)]},
    "deal-weekday": {"on": "deal.closed", "when": {"fact": "event.weekday", "op": "lte", "value": 5},
                     "then": [award("points", 5)]},
    "lead-engineer": {"on": "lead.registered", "when": {"not": {"fact": "member.role", "op": "eq", "value": "engineer"}},
                      "then": [award("status_credits", 10, "organization")]},
    "quiz-perfect": {"on": "quiz.passed", "when": {"fact": "event.score", "op": "eq", "value": 10},
                     "then": [award("points", 50)]},
}
# The tier multiplier: Gold earns x1.25 (a member reaches it after a few big deals).
put("/v1/tier-ladders/partners", {"subject": "member", "currency": "points", "window": "lifetime",
                                  "levels": [{"id": "bronze", "threshold": 0}, {"id": "silver", "threshold": 5000},
                                             {"id": "gold", "threshold": 20000, "benefits": {"multiplier": 1.25}},
                                             {"id": "platinum", "threshold": 50000}]})
for rule_id, rule in rules.items():
    put(f"/v1/rules/{rule_id}", {"name": rule_id, **rule})
for org in range(100):
    put(f"/v1/organizations/org-{org}", {"name": f"Org {org}", "kind": "partner"})
roles = ["sales", "manager", "engineer", "purchasing"]
for member in range(member_count):
    put(f"/v1/members/m-{member}", {"organization_id": f"org-{member % 100}", "role": roles[member % 4],
                                     "attributes": {"region": "emea" if member % 2 else "amer"}})
boards = [
    {"name": "Top this month", "subject": "member", "period": "month", "metric": {"currency": "points"}, "partition_by": "tier"},
    {"name": "Deals this week", "subject": "member", "period": "week", "metric": {"event_type": "deal.closed"}},
    {"name": "Companies", "subject": "organization", "period": "quarter",
     "metric": {"currency": "status_credits", "aggregate": "average"}},
    {"name": "Deal value, 30 days", "subject": "member", "period": "rolling_30d",
     "metric": {"event_type": "deal.closed", "sum": "amount"}, "partition_by": "role"},
    {"name": "Quizzes all time", "subject": "member", "period": "all", "metric": {"event_type": "quiz.passed"},
     "filters": {"role": ["sales", "engineer"]}},
][:int(os.environ.get("LAUREL_BENCH_BOARDS", "0"))]
for index, board in enumerate(boards):
    put(f"/v1/leaderboards/board-{index}", board)
goals = [
    {"name": "Weekly deal value", "subject": "member", "period": "week", "metric": {"event_type": "deal.closed", "sum": "amount"},
     "levels": [{"id": "l1", "target": 10000, "award": {"currency": "points", "amount": 100}},
                {"id": "l2", "target": 50000, "award": {"currency": "points", "amount": 500}},
                {"id": "elite", "target": 200000, "award": {"currency": "points", "amount": 2000}}]},
    {"name": "Monthly company leads", "subject": "organization", "period": "month", "metric": {"event_type": "lead.registered"},
     "levels": [{"id": "l1", "target": 20}, {"id": "l2", "target": 100, "award": {"currency": "status_credits", "amount": 500}}]},
][:int(os.environ.get("LAUREL_BENCH_GOALS", "0"))]
for index, goal in enumerate(goals):
    put(f"/v1/goals/goal-{index}", goal)
points = lambda amount: {"award": {"currency": "points", "amount": amount, "to": "member"}}
quests = [
    {"name": "Onboarding", "ordered": True,
     "steps": [{"id": "watch", "match": {"type": "video.watched"}, "reward": [points(20)]},
               {"id": "quiz", "match": {"type": "quiz.passed", "when": {"fact": "event.score", "op": "gte", "value": 5}},
                "reward": [points(100)]}],
     "completion": [{"boost": {"percent": 5, "on": "deal.closed", "uses": 3, "expires_in_days": 90}}]},
    {"name": "Deal sprint", "deadline_days": 30,
     "steps": [{"id": "deals", "match": {"type": "deal.closed", "when": {"fact": "event.amount", "op": "gte", "value": 1000}}, "count": 5},
               {"id": "leads", "match": {"type": "lead.registered"}, "count": 3}],
     "completion": [points(500), {"award": {"currency": "status_credits", "amount": 100, "to": "organization"}}]},
    {"name": "Engineer certification", "audience": {"roles": ["engineer"]},
     "steps": [{"id": "quizzes", "match": {"type": "quiz.passed"}, "count": 3, "reward": [points(50)]}]},
][:int(os.environ.get("LAUREL_BENCH_QUESTS", "0"))]
for index, quest in enumerate(quests):
    put(f"/v1/quests/quest-{index}", quest)
print(f"program ready: {len(boards)} leaderboards, {len(goals)} goals, {len(quests)} quests, {len(rules)} rules, a tier ladder with a Gold multiplier, 100 organizations, {member_count} members")
