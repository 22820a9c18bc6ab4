#!/usr/bin/env python3
"""The elite's statistics that `thaw validate` does not report, from its --events CSV.

    ./build/release/thaw validate --runs 100 --events runs/elite-events.csv
    python3 tests/model/elite/elite_stats.py runs/elite-events.csv

Prints, with Wilson 95% intervals: Khrushchev First Secretary by the end of 1953; among runs with an
"anti-party group", those in which at least three of Molotov, Malenkov, Kaganovich and Shepilov are
expelled; plenums whose winning side has at least 85% of the votes; votes to remove the leader a
run; removals of Khrushchev and the share whose successor had been his client; the premier's fall,
the marshal's dismissal and the leader as premier (issue 14's "done means").
"""
import csv
import math
import sys
from collections import defaultdict


def wilson(k, n, z=1.96):
    if n == 0:
        return "-"
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return f"{k}/{n} = {100 * p:.0f}% [{100 * (c - h):.0f}, {100 * (c + h):.0f}]"


def data(text):
    out = {}
    for part in text.split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k] = float(v)
    return out


def main(path):
    runs = defaultdict(list)
    for row in csv.DictReader(open(path)):
        runs[int(row["run"])].append(row)
    n = len(runs)
    fs1953 = apg = apg_core = votes = 0
    plenums = lopsided = 0
    ousters = ousters_client = 0
    malenkov_premier = zhukov = leader_premier = 0
    core = {"Molotov", "Malenkov", "Kaganovich", "Shepilov"}
    successors = defaultdict(int)
    for r, events in runs.items():
        fs = any(e["code"] == "elite.first_secretary" and e["subject"] == "Khrushchev" and e["date"] <= "1953-12" for e in events)
        fs1953 += fs
        exp = [e for e in events if e["code"] == "elite.expulsion" and "1957-01" <= e["date"] <= "1958-12"]
        if exp:
            apg += 1
            names = set()
            for e in exp:
                names |= {x.strip() for x in e["subject"].replace(" and ", ", ").split(",")}
            apg_core += len(names & core) >= 3
        votes += sum(e["code"] == "elite.vote" for e in events)
        for e in events:
            if e["code"] in ("elite.plenum", "elite.first_secretary"):
                d = data(e["data"])
                if "for" in d and d.get("present", 0) > 0:
                    plenums += 1
                    lopsided += max(d["for"], d["against"]) >= 0.85 * (d["for"] + d["against"])
        rem = [e for e in events if e["code"] == "elite.removal" and e["subject"] == "Khrushchev" and "1963-07" <= e["date"] <= "1964-10"]
        if rem:
            ousters += 1
            ousters_client += data(rem[0]["data"]).get("successor_was_client", 0) > 0
            succ = [e for e in events if e["code"] == "elite.succession" and e["date"] == rem[0]["date"]]
            if succ:
                successors[succ[0]["subject"]] += 1
        malenkov_premier += any(e["code"] == "elite.dismissal" and e["subject"] == "Malenkov" and "1954-06" <= e["date"] <= "1955-12"
                                and data(e["data"]).get("office") == 0 for e in events)
        zhukov += any(e["code"] == "elite.dismissal" and e["subject"] == "Zhukov" and "1957-01" <= e["date"] <= "1958-12" for e in events)
        leader_premier += any(e["code"] == "elite.premier" and e["subject"] == "Khrushchev" and "1957-07" <= e["date"] <= "1959-06"
                              for e in events)
    print(f"runs: {n}")
    print(f"Khrushchev First Secretary by 1953-12: {wilson(fs1953, n)}")
    print(f"anti-party group runs with >=3 of Molotov/Malenkov/Kaganovich/Shepilov expelled: {wilson(apg_core, apg)}")
    print(f"plenums whose winning side has >=85%: {wilson(lopsided, plenums)}")
    print(f"votes to remove the leader a run: {votes / max(n, 1):.2f}")
    print(f"ousters 1963-07..1964-10 whose successor had been his client: {wilson(ousters_client, ousters)}")
    print("successors:", ", ".join(f"{k} {v}" for k, v in sorted(successors.items(), key=lambda kv: -kv[1])))
    print(f"Malenkov relieved as premier 1954-06..1955-12: {wilson(malenkov_premier, n)}")
    print(f"Zhukov dismissed 1957-01..1958-12: {wilson(zhukov, n)}")
    print(f"Khrushchev premier 1957-07..1959-06: {wilson(leader_premier, n)}")


if __name__ == "__main__":
    main(sys.argv[1])
