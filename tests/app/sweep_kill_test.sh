#!/usr/bin/env bash
# A sweep killed with SIGKILL mid-way resumes with every run exactly once, and its results equal
# an uninterrupted sweep's. Usage: sweep_kill_test.sh THAW SPEC
set -euo pipefail
thaw=$1 spec=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
args=(--replicates 12 --threads 1 --quiet)
"$thaw" sweep "$spec" "${args[@]}" --db "$dir/clean.db" --out "$dir/clean"
total=$(( $(wc -l < "$dir/clean/runs.csv") - 1 ))

"$thaw" sweep "$spec" "${args[@]}" --db "$dir/killed.db" --no-export &
pid=$!
count=0
for _ in $(seq 1 600); do
  sleep 0.02
  count=$(sqlite3 "$dir/killed.db" "SELECT count(*) FROM runs" 2>/dev/null || echo 0)
  (( count >= 4 )) && break
done
kill -KILL "$pid"
wait "$pid" || true
stored=$(sqlite3 "$dir/killed.db" "SELECT count(*) FROM runs")
echo "killed after $stored of $total runs"
(( stored > 0 && stored < total )) || { echo "the kill did not land mid-way"; exit 1; }

"$thaw" sweep "$spec" "${args[@]}" --db "$dir/killed.db" --out "$dir/killed"
[[ "$(sqlite3 "$dir/killed.db" "SELECT count(*), count(DISTINCT run), min(run), max(run) FROM runs")" == "$total|$total|0|$((total - 1))" ]]
[[ "$(sqlite3 "$dir/killed.db" "SELECT count(*) FROM series WHERE run NOT IN (SELECT run FROM runs)")" == 0 ]]
for f in runs.csv series.csv summary.csv bands.csv; do cmp "$dir/clean/$f" "$dir/killed/$f"; done
echo "resumed: $total runs, each once, identical to the uninterrupted sweep"
