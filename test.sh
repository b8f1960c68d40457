#!/usr/bin/env bash
# Runs every test: unit, Azurite-backed storage tests, HTTP tests through the real pipeline, end-to-end tests
# through the local host, the browser test of the web form, and the compiled and linted Bicep (Hotline.Infra.Tests).
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-tools.sh

results="$(mktemp -d)"
status=0
dotnet test Hotline.sln --nologo --logger "trx" --results-directory "$results" "$@" || status=$?
scripts/summarize-tests.sh "$results" || true
exit "$status"
