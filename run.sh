#!/usr/bin/env bash
# Runs the whole system locally on http://127.0.0.1:7071: Azurite, the handler, and the local Functions host
# that drives its HTTP, queue and timer triggers as host.json and the function.json files declare them.
set -euo pipefail
cd "$(dirname "$0")"

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
dotnet build src/Hotline --nologo -v quiet
dotnet build src/Hotline.LocalHost --nologo -v quiet
exec dotnet run --no-build --project src/Hotline.LocalHost -- "$@"
