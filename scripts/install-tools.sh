#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK and Node.js: the pinned npm tools (Azurite, playwright-core),
# the Bicep CLI from NuGet (tools/bin/bicep) and Debian's Chromium for the browser test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if [ ! -x tools/bin/bicep ] || [ tools/Bicep.targets -nt tools/bin/bicep ]; then
  dotnet msbuild tools/Hotline.Tools.csproj -restore -t:InstallBicep -nologo -v:q
fi

if [ ! -x /usr/bin/chromium ]; then
  scripts/install-chromium.sh || echo "warning: Chromium could not be installed; the browser test will say it was skipped and why." >&2
fi
