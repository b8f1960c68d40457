#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium (and CJK fonts, so Chinese pages render as text, not boxes)
# for the web form browser test (tests/browser). Playwright's own browser download cannot be used here:
# the test drives /usr/bin/chromium through playwright-core instead.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [[ -x "$CHROMIUM" ]]; then
  echo "chromium already installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "error: $CHROMIUM is missing and installing it needs root (apt-get)." >&2
  echo "       run: sudo bash scripts/install-chromium.sh   (or: sudo apt-get install chromium fonts-noto-cjk)" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: $CHROMIUM is missing and apt-get is not available; install Chromium another way and set CHROMIUM_PATH." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq

packages=(chromium)
# Optional: without CJK fonts the Chinese page still works, but screenshots show empty boxes.
if apt-cache show fonts-noto-cjk >/dev/null 2>&1; then
  packages+=(fonts-noto-cjk)
else
  echo "note: fonts-noto-cjk is not available; Chinese text may not render in screenshots." >&2
fi

apt-get install -y -qq --no-install-recommends "${packages[@]}"

if [[ ! -x "$CHROMIUM" ]]; then
  echo "error: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "installed: $("$CHROMIUM" --version)"
