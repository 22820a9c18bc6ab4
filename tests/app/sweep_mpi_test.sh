#!/usr/bin/env bash
# mpirun -n 2 thaw sweep gives the same database contents as one process, and resumes a sweep
# that one process started. Usage: sweep_mpi_test.sh THAW SPEC MPIEXEC
set -euo pipefail
thaw=$1 spec=$2 mpiexec=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# Containers run as root and often lack the kernel's cross-memory attach.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
export OMPI_MCA_rmaps_base_oversubscribe=1
# Under the asan preset: Open MPI keeps allocations (many from plugins loaded with dlopen) until
# exit, which LeakSanitizer reports; address errors are still caught.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
mpirun=("$mpiexec" -n 2 --oversubscribe)

"$thaw" sweep "$spec" --db "$dir/single.db" --out "$dir/single" --threads 2 --quiet
"${mpirun[@]}" "$thaw" sweep "$spec" --db "$dir/mpi.db" --out "$dir/mpi" --threads 1 --quiet
# A sweep stopped by one process and finished by two.
"$thaw" sweep "$spec" --db "$dir/mixed.db" --threads 1 --quiet --stop-after 5 --no-export || [[ $? == 3 ]]
"${mpirun[@]}" "$thaw" sweep "$spec" --db "$dir/mixed.db" --out "$dir/mixed" --threads 1 --quiet

for f in runs.csv series.csv summary.csv bands.csv; do
  cmp "$dir/single/$f" "$dir/mpi/$f"
  cmp "$dir/single/$f" "$dir/mixed/$f"
done
if command -v sqlite3 >/dev/null; then
  q="SELECT run, point, replicate, seed, checksum FROM runs ORDER BY run"
  [[ "$(sqlite3 "$dir/single.db" "$q")" == "$(sqlite3 "$dir/mpi.db" "$q")" ]]
  # Both ranks ran some of the runs.
  [[ "$(sqlite3 "$dir/mpi.db" "SELECT count(DISTINCT rank) FROM run_info")" == 2 ]]
fi
echo "mpirun -n 2: identical to one process ($(wc -l < "$dir/mpi/runs.csv") lines in runs.csv)"
