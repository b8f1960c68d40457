#!/usr/bin/env bash
# Smoke test after a deployment: submits one report to BASE_URL, waits until the routing function has assigned
# it, and checks that its status says "assigned". Exits 0 on success, 1 when the case was accepted but not
# assigned in time (or reached another state), 2 when the submission itself failed, 64 on a usage error.
#
#   scripts/smoke.sh https://<host>                       # a report without a phone: no caller SMS
#   SMOKE_PHONE=+8613900001234 scripts/smoke.sh https://<host>
#
# It files a real case and the assigned officer gets a real text (unless the environment's smsProvider is
# Outbox): run it against a staging environment, or set SMOKE_REGION to a region routed to a test unit.
# Environment: SMOKE_PHONE (caller phone for the acknowledgement SMS), SMOKE_REGION (division code, default
# 110101), SMOKE_TIMEOUT (seconds to wait for the assignment, default 180: a cold Flex instance plus the queue
# trigger's polling). Needs only bash and curl. Never prints a whole phone number.
set -euo pipefail

usage() { echo "usage: $0 BASE_URL   (e.g. https://func-hotline-abc.azurewebsites.net)" >&2; exit 64; }
[[ $# -eq 1 ]] || usage
base="${1%/}"
[[ "$base" =~ ^https?://[^/]+ ]] || usage
phone="${SMOKE_PHONE:-}"
region="${SMOKE_REGION:-110101}"
timeout="${SMOKE_TIMEOUT:-180}"

# Only the last four digits of a phone; any other long digit run in a server answer is masked the same way.
mask_phone() { local p="$1"; [[ -z "$p" ]] && echo "(none)" || echo "…${p: -4}"; }
redact() { sed -E 's/(^|[^0-9A-Za-z])\+?[0-9]{3,}([0-9]{4})([^0-9A-Za-z]|$)/\1…\2\3/g'; }
field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | sed -E "s/^\"$1\":\"(.*)\"$/\1/"; }

key="smoke-$(date -u +%Y%m%dT%H%M%SZ)-$RANDOM$RANDOM"
description="Smoke test after deployment ($key): please close this case without action."
body="{\"description\":\"$description\",\"region\":\"$region\",\"consent\":true,\"language\":\"en\"${phone:+,\"phone\":\"$phone\"}}"

echo "smoke: submitting to $base/api/submissions (region $region, phone $(mask_phone "$phone"))"
answer="$(mktemp)"
trap 'rm -f "$answer"' EXIT
# The Idempotency-Key makes curl's retries safe: a repeat returns the first answer, never a second case.
code="$(curl -sS -o "$answer" -w '%{http_code}' --max-time 30 --retry 3 --retry-connrefused \
  -X POST "$base/api/submissions" -H 'Content-Type: application/json' -H "Idempotency-Key: $key" \
  --data-binary "$body")" || { echo "smoke: FAILED: could not reach $base" >&2; exit 2; }
if [[ "$code" != 202 ]]; then
  echo "smoke: FAILED: the submission answered $code:" >&2
  redact <"$answer" >&2; echo >&2
  exit 2
fi

ticket="$(field ticketId <"$answer")"
tracking="$(field trackingCode <"$answer")"
if [[ -z "$ticket" || -z "$tracking" ]]; then
  echo "smoke: FAILED: 202 without a ticketId and trackingCode:" >&2
  redact <"$answer" >&2; echo >&2
  exit 2
fi
echo "smoke: accepted as $ticket; waiting up to ${timeout}s for the routing function"

deadline=$((SECONDS + timeout))
status=""
while (( SECONDS < deadline )); do
  code="$(curl -sS -o "$answer" -w '%{http_code}' --max-time 15 "$base/api/submissions/$ticket?code=$tracking")" || code=000
  if [[ "$code" == 200 ]]; then
    status="$(field status <"$answer")"
    if [[ "$status" != received ]]; then
      break
    fi
  fi
  sleep 3
done

if [[ "$status" == assigned ]]; then
  echo "smoke: OK: $ticket is assigned to $(field unitName <"$answer" | redact)"
  exit 0
fi
echo "smoke: FAILED: $ticket says '${status:-no status}' (last answer $code) after ${timeout}s, not 'assigned':" >&2
redact <"$answer" >&2; echo >&2
exit 1
