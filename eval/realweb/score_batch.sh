#!/usr/bin/env bash
# Scores the tagger and the status stage on one real-web batch kept in a scratch folder:
#   eval/realweb/score_batch.sh SCRATCH_DIR LABELS.jsonl [REPORT_DIR]
# Builds the feed from the scratch articles, runs `chipwatch tag` and `chipwatch replay` on it, and
# scores both with ../shared/eval/score.py against the committed labels (changes derived from them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scratch="$1"; labels="$2"; report="${3:-$scratch/run}"
scorer="${CHIPWATCH_SCORER:-$here/../../../shared/eval/score.py}"
mkdir -p "$report"
python3 "$here/build_batch.py" feed "$scratch" "$report/batch.xml"
python3 "$here/build_batch.py" changes "$labels" "$report/expected-changes.jsonl"
"$here/../../chipwatch" tag "$report/batch.xml" > "$report/tags.jsonl"
"$here/../../chipwatch" replay "$report/batch.xml" > "$report/changes.jsonl"
python3 "$scorer" tags "$labels" "$report/tags.jsonl" | tee "$report/score-tags.txt"
python3 "$scorer" changes "$report/expected-changes.jsonl" "$report/changes.jsonl" | tee "$report/score-changes.txt"
