#!/usr/bin/env bash
# Adds up the TRX results of every test project into one closing line: "Total: N passed, N failed, N skipped".
set -euo pipefail
dir="$1"
passed=0; failed=0; skipped=0
for f in "$dir"/*.trx; do
  [ -e "$f" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line"); f1=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f1:-0})); skipped=$((skipped + ${n:-0}))
done
echo "Total: ${passed} passed, ${failed} failed, ${skipped} skipped"
