#!/usr/bin/env python3
"""Independent recount of a Diên Hồng election ballot file (format dienhong-election-ballots v1).

Standard library only; shares no code with the project. It re-derives every round from the
ballots and the election's rules (README "Elections"), prints the result, and exits:
  0  the recount equals the result declared in the file
  1  the recount differs from the declared result
  2  the file is corrupt or not a ballot file (a clear message on stderr)
Usage: python3 tools/recount/recount.py FILE [--json]
"""
import json
import re
import sys

ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")


class Corrupt(Exception):
    pass


def need(cond, message):
    if not cond:
        raise Corrupt(message)


def is_count(v):
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def is_ids(v):
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def reaches(votes, rule, bases):
    if votes <= 0:
        return False
    left = votes * rule["denominator"]
    right = bases[rule["base"]] * rule["numerator"]
    return left > right if rule["comparison"] == "more-than" else left >= right


def ranked(candidate_ids, votes, ids):
    order = {cid: i for i, cid in enumerate(candidate_ids)}
    return sorted(ids, key=lambda cid: (-votes.get(cid, 0), order.get(cid, 0)))


def check_election(e):
    need(isinstance(e, dict), "election: not an object")
    need(isinstance(e.get("id"), str) and ID.match(e["id"]), "election: bad id")
    seats = e.get("seats")
    need(is_count(seats) and seats >= 1, "election: bad seats")
    cands = e.get("candidates")
    need(isinstance(cands, list) and all(isinstance(c, dict) and isinstance(c.get("id"), str) and ID.match(c["id"]) for c in cands),
         "election: bad candidates")
    ids = [c["id"] for c in cands]
    need(len(set(ids)) == len(ids), "election: a candidate is listed twice")
    need(len(ids) >= seats, "election: fewer candidates than seats")
    t = e.get("threshold")
    need(isinstance(t, dict) and t.get("base") in ("valid", "received", "present")
         and t.get("comparison") in ("more-than", "at-least")
         and is_count(t.get("numerator")) and is_count(t.get("denominator"))
         and t["denominator"] >= 1 and t["numerator"] <= t["denominator"], "election: bad threshold")
    need(e.get("tieRule") in ("second-round-among-tied", "lot", "age"), "election: unknown tie rule")
    need(e.get("furtherRoundRule") in ("not-elected", "top-twice-remaining"), "election: unknown further-round rule")
    need(is_count(e.get("maxRounds")) and e["maxRounds"] >= 1, "election: bad round limit")
    return ids


def decide(e, rnd, votes, bases, tie_order):
    reached = ranked(rnd["candidates"], votes, [c for c in rnd["candidates"] if reaches(votes[c], e["threshold"], bases)])
    seats = rnd["seats"]
    if len(reached) <= seats:
        return reached, []
    cut = votes[reached[seats - 1]]
    above = [c for c in reached if votes[c] > cut]
    at_cut = [c for c in reached if votes[c] == cut]
    slots = seats - len(above)
    if len(at_cut) == slots:
        return above + at_cut, []
    if e["tieRule"] == "second-round-among-tied":
        return above, at_cut
    order = tie_order
    if order is None and e["tieRule"] == "age":
        dates = e.get("birthDates") or {}
        if all(c in dates for c in at_cut):
            order = sorted(at_cut, key=lambda c: dates[c])
    need(order is not None, "round %d: a tie needs the recorded %s order" % (rnd["number"], e["tieRule"]))
    need(sorted(order) == sorted(at_cut), "round %d: the tie order must list exactly the tied" % rnd["number"])
    return above + order[:slots], []


def recount(doc):
    need(isinstance(doc, dict) and doc.get("format") == "dienhong-election-ballots", "not a dienhong-election-ballots file")
    need(doc.get("version") == 1, "ballot file version %r is not supported" % doc.get("version"))
    e = doc.get("election")
    all_ids = check_election(e)
    rounds_in = doc.get("rounds")
    need(isinstance(rounds_in, list), "rounds: not a list")
    elected, withdrawn, out = [], [], []
    nxt = {"number": 1, "seats": e["seats"], "candidates": list(all_ids)}
    status = "next-round"
    for i, r in enumerate(rounds_in):
        need(isinstance(r, dict) and r.get("number") == i + 1, "round %d: bad number" % (i + 1))
        need(is_count(r.get("issued")) and is_count(r.get("present")) and is_ids(r.get("withdrawn")),
             "round %d: bad figures" % (i + 1))
        need(nxt is not None, "round %d: the election was already %s" % (i + 1, status))
        withdrawn += r["withdrawn"]
        rnd = dict(nxt)
        rnd["candidates"] = [c for c in rnd["candidates"] if c not in withdrawn] if i == 0 else rnd["candidates"]
        ballots = r.get("ballots")
        need(isinstance(ballots, list), "round %d: ballots not a list" % rnd["number"])
        seen, prev = set(), None
        votes = {c: 0 for c in rnd["candidates"]}
        valid = invalid = blank = 0
        for b in ballots:
            need(isinstance(b, dict) and isinstance(b.get("commitment"), str) and HEX64.match(b["commitment"]),
                 "round %d: a commitment is not 64 hex digits" % rnd["number"])
            c = b["commitment"]
            need(c not in seen, "round %d: commitment %s appears twice" % (rnd["number"], c))
            need(prev is None or prev < c, "round %d: ballots are not sorted by commitment" % rnd["number"])
            seen.add(c)
            prev = c
            kept = b.get("kept")
            need(is_ids(kept), "round %d: a ballot's kept list is malformed" % rnd["number"])
            need(all(k in votes for k in kept), "round %d: a ballot names a candidate not standing" % rnd["number"])
            need(len(set(kept)) == len(kept), "round %d: a ballot names a candidate twice" % rnd["number"])
            if not kept:
                blank += 1
            elif len(kept) > rnd["seats"]:
                invalid += 1
            else:
                valid += 1
                for k in kept:
                    votes[k] += 1
        received = len(ballots)
        bases = {"valid": valid, "received": received, "present": r["present"]}
        tie_order = r.get("tieOrder")
        need(tie_order is None or is_ids(tie_order), "round %d: bad tie order" % rnd["number"])
        won, tied = decide(e, rnd, votes, bases, tie_order)
        elected += won
        out.append({"number": rnd["number"], "seats": rnd["seats"], "candidates": rnd["candidates"],
                    "received": received, "valid": valid, "invalid": invalid, "blank": blank,
                    "votes": votes, "elected": won, "tied": tied})
        # The next round, by the same rules as core/elections/rounds.ts.
        remaining = e["seats"] - len(elected)
        nxt = None
        if remaining <= 0:
            status = "complete"
        elif rnd["number"] >= e["maxRounds"]:
            status = "round-limit"
        else:
            if i + 1 < len(rounds_in) and isinstance(rounds_in[i + 1], dict) and is_ids(rounds_in[i + 1].get("withdrawn")):
                later = rounds_in[i + 1]["withdrawn"]
            else:
                later = []
            gone = set(elected) | set(withdrawn) | set(later)
            if tied:
                pool = [c for c in tied if c not in gone]
            else:
                pool = ranked(rnd["candidates"], votes, [c for c in rnd["candidates"] if c not in gone])
                if e["furtherRoundRule"] == "top-twice-remaining" and len(pool) > 2 * remaining:
                    cut = votes[pool[2 * remaining - 1]]
                    pool = [c for j, c in enumerate(pool) if j < 2 * remaining or votes[c] == cut]
            order = {c: j for j, c in enumerate(all_ids)}
            pool.sort(key=lambda c: order[c])
            if not pool:
                status = "no-candidates"
            else:
                status = "next-round"
                nxt = {"number": rnd["number"] + 1, "seats": remaining, "candidates": pool}
    return {"status": status, "elected": elected, "rounds": out}


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        print("recount: cannot read %s: %s" % (argv[1], err), file=sys.stderr)
        return 2
    try:
        result = recount(doc)
    except Corrupt as err:
        print("recount: corrupt ballot file: %s" % err, file=sys.stderr)
        return 2
    if "--json" in argv:
        print(json.dumps(result, ensure_ascii=False, separators=(",", ":")))
    else:
        for r in result["rounds"]:
            print("Round %d (%d seats): received %d, valid %d, invalid %d, blank %d"
                  % (r["number"], r["seats"], r["received"], r["valid"], r["invalid"], r["blank"]))
            for c in r["candidates"]:
                mark = " elected" if c in r["elected"] else (" tied" if c in r["tied"] else "")
                print("  %s: %d%s" % (c, r["votes"][c], mark))
        print("Status: %s; elected: %s" % (result["status"], ", ".join(result["elected"]) or "nobody"))
    if result != doc.get("result"):
        print("recount: MISMATCH: the declared result differs from this recount", file=sys.stderr)
        return 1
    print("recount: matches the declared result", file=sys.stderr if "--json" in argv else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
