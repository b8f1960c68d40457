#!/usr/bin/env bash
# Compiles and lints the Bicep templates in infra/ with the linter settings in infra/bicepconfig.json.
# Fails on any error or warning. Uses the standalone Bicep CLI (`bicep`) when it is on PATH, else the one
# the Azure CLI manages (`az bicep`). Neither can be installed from the package registries this project's
# machines reach, so on such a machine the script says so and exits 3 (nothing validated).
# Output goes to a temporary folder: the compiled JSON is never committed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

if command -v bicep >/dev/null 2>&1; then
  run() { bicep "$@"; }
  echo "bicep: $(bicep --version)"
elif command -v az >/dev/null 2>&1 && az bicep version >/dev/null 2>&1; then
  # az bicep takes --file/--outdir options instead of positional arguments.
  run() {
    local verb="$1" file="$2"; shift 2
    az bicep "$verb" --file "$file" "$@"
  }
  echo "bicep: $(az bicep version 2>&1 | head -n 1)"
else
  echo "bicep-build: no Bicep CLI found (neither 'bicep' nor 'az bicep'); infra/ was NOT validated." >&2
  echo "             install one (az bicep install, or the standalone CLI) and run this script again." >&2
  exit 3
fi

status=0
check() {
  # Bicep prints diagnostics on stderr as "<file>(line,col) : Warning|Error <code>: ..."; any of them fails the check.
  local log="$out/log.txt"
  if ! run "$@" 2>"$log"; then
    status=1
  fi
  if grep -E ' : (Warning|Error) ' "$log"; then
    status=1
  fi
  grep -vE ' : (Warning|Error) ' "$log" >&2 || true
}

cd "$root"
echo "== build infra/main.bicep"
check build infra/main.bicep --outdir "$out"
echo "== build-params infra/main.bicepparam"
check build-params infra/main.bicepparam --outfile "$out/main.parameters.json"
echo "== lint"
for file in infra/main.bicep infra/modules/*.bicep; do
  echo "   $file"
  check lint "$file"
done

if [[ $status -ne 0 ]]; then
  echo "bicep-build: FAILED (errors or warnings above)" >&2
  exit 1
fi
echo "bicep-build: OK (no errors, no warnings)"
