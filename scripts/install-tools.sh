#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK and Node.js: the pinned npm tools (Azurite, playwright-core),
# the Bicep CLI from NuGet (tools/bin/bicep) and Debian's Chromium for the browser test.
set -euo pipefail
cd "$(dirname "$0")/.."

# package.json "engines" names the Node the pinned tools support (Azurite 3.35.0 is the newest that runs on
# Node 20; its dependencies want 20.6). Say so plainly instead of a wall of npm EBADENGINE warnings.
need="$(node -p 'require("./package.json").engines.node.replace(/^>=/, "")' 2>/dev/null)" \
  || { echo "install-tools: Node.js is missing; install Node.js $(sed -n 's/.*"node": ">=\([0-9.]*\)".*/\1/p' package.json) or later." >&2; exit 1; }
if ! node -e 'const parts = v => v.split(".").map(Number);
  const [have, want] = [parts(process.versions.node), parts(process.argv[1])];
  process.exit((have[0] - want[0] || (have[1] ?? 0) - (want[1] ?? 0)) < 0 ? 1 : 0);' "$need"; then
  echo "install-tools: Node.js $need or later is needed (this is $(node --version))." >&2
  exit 1
fi

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if [ ! -x tools/bin/bicep ] || [ tools/Bicep.targets -nt tools/bin/bicep ]; then
  dotnet msbuild tools/Hotline.Tools.csproj -restore -t:InstallBicep -nologo -v:q
fi

if [ ! -x /usr/bin/chromium ]; then
  scripts/install-chromium.sh || echo "warning: Chromium could not be installed; the browser test will say it was skipped and why." >&2
fi
