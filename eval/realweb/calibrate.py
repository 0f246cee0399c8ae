#!/usr/bin/env python3
"""Measure each trigger rule's precision on the labelled sets and write the table the tagger reads.

usage: calibrate.py OUT.tsv SET...
  SET is LABELS.jsonl=FEED[,FEED...]: labels in the contract's shape and the feeds they label.
Runs `chipwatch tag --explain` on each set's feeds, credits every (type, item, destination) triple of
an event to the event's first (strongest) rule: right when the labels hold that triple, wrong when
they do not. Writes one line per rule: id, right, wrong. Events of the labels that no rule found are
not counted (they are recall, not precision). Never run it on a held-out batch.
"""
import collections
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
chipwatch = os.path.join(here, "..", "..", "chipwatch")


def triples(events):
    out = set()
    for e in events or []:
        for item in e.get("items") or [""]:
            out.add((e["type"], item, e["destination"]))
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    right, wrong = collections.Counter(), collections.Counter()
    for spec in sys.argv[2:]:
        labels_path, feeds = spec.split("=", 1)
        labels = {}
        with open(labels_path, encoding="utf-8") as f:
            for line in f:
                if line.strip().startswith("{"):
                    row = json.loads(line)
                    labels[row["link"]] = triples(row.get("events"))
        out = subprocess.run([chipwatch, "tag", "--explain", *feeds.split(",")], capture_output=True, text=True, check=False)
        for line in out.stdout.splitlines():
            row = json.loads(line)
            if row["link"] not in labels:
                continue
            expected = labels[row["link"]]
            for e in row["events"]:
                rule = (e.get("rules") or ["?"])[0]
                for t in triples([e]):
                    (right if t in expected else wrong)[rule] += 1
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.write("# Measured precision of each trigger rule: (type, item, destination) triples of the events it\n")
        f.write("# found, right and wrong against the labelled sets. Written by eval/realweb/calibrate.py; read\n")
        f.write("# by RulePrecision. rule\tright\twrong\n")
        for rule in sorted(set(right) | set(wrong)):
            f.write(f"{rule}\t{right[rule]}\t{wrong[rule]}\n")
    for rule in sorted(set(right) | set(wrong), key=lambda r: -(right[r] + wrong[r])):
        n = right[rule] + wrong[rule]
        print(f"{rule:<40}{right[rule]:>5}{wrong[rule]:>5}{right[rule] / n:>8.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()
