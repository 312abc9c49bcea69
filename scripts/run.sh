#!/usr/bin/env bash
# Runs NavusoftSync with its demo on this machine: provisions PostgreSQL (scripts/pg.sh) unless
# ConnectionStrings__Postgres is given, builds, starts the host in Development on
# http://127.0.0.1:${PORT:-5080}, seeds the demo tenant's accounts through the API, and prints
# where to look and a ready token. Ctrl+C stops everything it started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
port="${PORT:-5080}"
base="http://127.0.0.1:$port"
tenant="${DEMO_TENANT:-demo-hauler}"

# shellcheck source=pg.sh
source scripts/pg.sh
started_pg=0
[ -z "${ConnectionStrings__Postgres:-}" ] && started_pg=1
pg_start
if [ "$started_pg" = 1 ]; then
  # A database of its own for the demo, kept between runs.
  psql_conn="host=127.0.0.1 port=$(cat "$NAVUSOFTSYNC_PG_DIR/port") user=postgres dbname=postgres"
  psql "$psql_conn" -tAc "SELECT 1 FROM pg_database WHERE datname='navusoftsync'" | grep -q 1 \
    || psql "$psql_conn" -qc "CREATE DATABASE navusoftsync"
  export ConnectionStrings__Postgres="${ConnectionStrings__Postgres/Database=postgres/Database=navusoftsync}"
fi

dotnet build src/Host -c Release -v quiet -nologo
mkdir -p .run
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null || true
  if [ "$started_pg" = 1 ]; then pg_stop; fi
}
trap cleanup EXIT INT TERM

(cd src/Host/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development exec dotnet Host.dll --urls "$base") > .run/host.log 2>&1 &
host_pid=$!
for _ in $(seq 1 120); do
  curl -sf "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$host_pid" 2>/dev/null || { cat .run/host.log; exit 1; }
  sleep 0.5
done
curl -sf "$base/health/ready" >/dev/null || { echo "The host did not become ready (.run/host.log)"; exit 1; }

token() { curl -sf -X POST "$base/api/dev/token" -H 'content-type: application/json' -d "$1" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'; }
admin_token=$(token "{\"sub\":\"navusoft-core\",\"tid\":\"$tenant\",\"role\":\"admin\",\"name\":\"Navusoft Core\"}")
user_token=$(token "{\"sub\":\"demo-user\",\"tid\":\"$tenant\",\"role\":\"user\",\"name\":\"Dana Dispatcher\",\"email\":\"dana@$tenant.example\",\"tz\":\"America/Chicago\"}")

# Seed the demo accounts (idempotent: a second run appends nothing).
python3 - "$base" "$admin_token" scripts/demo/accounts.json <<'PY'
import json, sys, urllib.request
base, token, path = sys.argv[1], sys.argv[2], sys.argv[3]
accounts = json.load(open(path))
for account in accounts:
    body = json.dumps({"name": account["name"], "contacts": account["contacts"]}).encode()
    request = urllib.request.Request(f"{base}/api/accounts/{account['accountId']}", data=body, method="PUT",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
print(f"Seeded {len(accounts)} demo accounts.")
PY

cat <<MSG

NavusoftSync is running at $base (logs: .run/host.log)
  OpenAPI document   $base/openapi/v1.json
  Readiness          $base/health/ready
  Demo tenant        $tenant
  User token         $user_token
  Admin token        $admin_token

Try:
  curl -H "Authorization: Bearer $user_token" $base/api/accounts/ACC-1001
  curl -H "Authorization: Bearer $user_token" "$base/api/contacts?email=maria.garcia@greenfieldapartmen.com"

Press Ctrl+C to stop.
MSG
wait "$host_pid"
