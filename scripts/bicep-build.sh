#!/usr/bin/env bash
# Compiles and lints the Bicep templates in infra/ with the linter settings in infra/bicepconfig.json, using the
# Bicep CLI the repository restores from NuGet (tools/Bicep.targets -> tools/bin/bicep; no Azure CLI needed).
# Fails on any error, warning or informational message. tests/Hotline.Infra.Tests runs the same checks in the
# test command; this script is for a quick look while editing infra/, or before `az deployment`.
# Output goes to a temporary folder: the compiled JSON is never committed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bicep="$root/tools/bin/bicep"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

if [[ ! -x "$bicep" ]]; then
  dotnet msbuild "$root/tools/Hotline.Tools.csproj" -restore -t:InstallBicep -nologo -v:q
fi
echo "bicep: $("$bicep" --version)"

status=0
check() {
  # Diagnostics look like "<file>(line,col) : Warning|Error|Info <code>: ..."; any of them fails the check.
  local log="$out/log.txt"
  if ! "$bicep" "$@" >"$out/stdout.txt" 2>"$log"; then
    status=1
  fi
  if grep -E ' : (Warning|Error|Info) ' "$log"; then
    status=1
  fi
  grep -vE ' : (Warning|Error|Info) ' "$log" >&2 || true
}

cd "$root/infra"
echo "== build main.bicep"
check build main.bicep --outdir "$out"
echo "== build-params main.bicepparam"
check build-params main.bicepparam --outfile "$out/main.parameters.json"
echo "== lint every .bicep file"
check lint --pattern '**/*.bicep'

if [[ $status -ne 0 ]]; then
  echo "bicep-build: FAILED (diagnostics above)" >&2
  exit 1
fi
echo "bicep-build: OK (no errors, no warnings)"
