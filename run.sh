#!/usr/bin/env bash
# Runs the whole system locally on http://127.0.0.1:7071: Azurite, the worker process (src/Hotline on the isolated
# worker), and the local Functions host that drives it over the worker protocol, as the Functions host does in Azure.
set -euo pipefail
cd "$(dirname "$0")"

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
dotnet build src/Hotline --nologo -v quiet
dotnet build src/Hotline.LocalHost --nologo -v quiet
exec dotnet run --no-build --project src/Hotline.LocalHost -- "$@"
