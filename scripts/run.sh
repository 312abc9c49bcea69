#!/usr/bin/env bash
# Runs NavusoftSync with its demo on this machine, no internet needed: provisions PostgreSQL
# (scripts/pg.sh) unless ConnectionStrings__Postgres is given, builds the host and the provider
# sandbox, starts the sandbox on http://127.0.0.1:${SANDBOX_PORT:-5199} with the demo mailboxes
# (scripts/demo/make_scenario.py) and the host in Development on http://127.0.0.1:${PORT:-5080}
# with every provider URL pointed at the sandbox, starts Dovecot and Radicale (scripts/mailservers.sh)
# with a password mailbox for the demo user (scripts/demo/seed_mailbox.py), seeds the demo tenant's
# accounts, enables the three providers, links the demo user's two sandbox mailboxes through the real
# OAuth flow and the password mailbox through POST /api/me/links {provider: "imap"}, and prints where
# to look and ready tokens. Ctrl+C stops everything it started. Running it again the same day keeps
# the demo database and links again; DEMO_RESET=1 starts the database afresh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
port="${PORT:-5080}"
base="http://127.0.0.1:$port"
sandbox_port="${SANDBOX_PORT:-5199}"
sandbox="http://127.0.0.1:$sandbox_port"
tenant="${DEMO_TENANT:-demo-hauler}"
work_mailbox="dana@demo-hauler.example"   # the sandbox mailboxes of scripts/demo/make_scenario.py
home_mailbox="dana.dispatch@gmail.com"
desk_user="dispatch-desk"                  # the password mailbox on the local Dovecot and Radicale
desk_mailbox="dispatch@demo-hauler.example"

fail() { echo "run.sh: $*" >&2; exit 1; }
show_log() { [ -f "$1" ] && { echo "----- last lines of $1 -----" >&2; tail -n "${2:-40}" "$1" >&2; echo "-----" >&2; }; return 0; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
json_get() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

for tool in dotnet python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is required but not on PATH"
done
port_in_use "$port" && fail "port $port is already in use (another run.sh?); stop that or pick another with PORT="
port_in_use "$sandbox_port" && fail "port $sandbox_port is already in use (another sandbox?); stop that or pick another with SANDBOX_PORT="
mkdir -p .run

# ---- PostgreSQL -------------------------------------------------------------------------------
# shellcheck source=pg.sh
source scripts/pg.sh
local_pg=0 stop_pg=0
if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  local_pg=1
  # Stop on exit only a cluster this run starts, never one that was already running (tests, another run).
  pg_dir="$(_pg_dir)"; pg_bin="$(_pg_bin)"
  if ! { [ -f "$pg_dir/port" ] && _pg_as_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" status >/dev/null 2>&1; }; then stop_pg=1; fi
fi

host_pid="" sandbox_pid="" stop_mail=0
stop_process() { # pid: TERM, up to 15 s, then KILL
  local pid="$1" _
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_process "$host_pid"; host_pid=""
  stop_process "$sandbox_pid"; sandbox_pid=""
  if [ "$stop_pg" = 1 ]; then stop_pg=0; pg_stop || true; fi
  if [ "$stop_mail" = 1 ]; then stop_mail=0; mail_stop || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_start || fail "PostgreSQL could not be started (see above)"
if [ "$local_pg" = 1 ]; then
  pg_admin="host=127.0.0.1 port=$(cat "$NAVUSOFTSYNC_PG_DIR/port") user=postgres dbname=postgres"
  demo_db_exists() { "$pg_bin/psql" "$pg_admin" -tAc "SELECT 1 FROM pg_database WHERE datname='navusoftsync'" | grep -q 1; }
  demo_db_create() { "$pg_bin/psql" "$pg_admin" -qc "CREATE DATABASE navusoftsync" || fail "could not create the database navusoftsync"; }
  demo_db_recreate() {
    "$pg_bin/psql" "$pg_admin" -qc "DROP DATABASE navusoftsync WITH (FORCE)" || fail "could not drop the database navusoftsync"
    demo_db_create
  }
  # A database of its own for the demo. The demo mailboxes are dated relative to today (UTC), so it
  # is kept between runs of one day and starts afresh on another (its items would sit a day off).
  today_utc=$(date -u +%F)
  filled_on=$(cat .run/demo-db-day 2>/dev/null || true)
  if ! demo_db_exists; then
    demo_db_create
  elif [ "${DEMO_RESET:-0}" = 1 ]; then
    echo "DEMO_RESET=1: starting the demo database afresh."
    demo_db_recreate
  elif [ "$filled_on" != "$today_utc" ]; then
    echo "The demo database holds the mailboxes of ${filled_on:-another day}; they are dated from $today_utc now: starting it afresh."
    demo_db_recreate
  fi
  echo "$today_utc" > .run/demo-db-day
  export ConnectionStrings__Postgres="${ConnectionStrings__Postgres/Database=postgres/Database=navusoftsync}"
elif [ "${DEMO_RESET:-0}" = 1 ]; then
  echo "DEMO_RESET=1 is ignored: ConnectionStrings__Postgres is given, and run.sh drops only its own demo database." >&2
fi

# ---- Dovecot and Radicale with the demo user's password mailbox --------------------------------
# Stopped on exit only when this run starts them, never when they were already running (tests, another run).
# Without them (not root and not installed) the demo runs with the two sandbox mailboxes only.
# shellcheck source=mailservers.sh
source scripts/mailservers.sh
desk_password="" mail_cert=""
start_mail() {
  mail_start || return 1
  if [ "${NAVUSOFTSYNC_MAIL_STARTED:-0}" = 1 ]; then stop_mail=1; fi
  # What mailservers.sh started (its env JSON), one value a line.
  mapfile -t mail < <(python3 -c 'import json, sys; env = json.load(open(sys.argv[1])); print("\n".join(str(env[k]) for k in sys.argv[2:]))' \
    "$NAVUSOFTSYNC_MAIL_ENV" host imapsPort calDavRoot certificateFile mailUser mailHome dovecotPasswdFile radicaleUsersFile)
  [ "${#mail[@]}" = 8 ] || fail "$NAVUSOFTSYNC_MAIL_ENV does not describe the mail servers"
  mail_host=${mail[0]} imaps_port=${mail[1]} caldav_root=${mail[2]} mail_cert=${mail[3]}
  desk_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
  users_line "${mail[6]}" "$desk_user:{PLAIN}$desk_password:$(id -u "${mail[4]}"):$(id -g "${mail[4]}")::${mail[5]}/$desk_user::"
  users_line "${mail[7]}" "$desk_user:$desk_password"
  python3 scripts/demo/seed_mailbox.py --host "$mail_host" --imap-port "$imaps_port" --caldav-root "$caldav_root" \
    --ca-file "$mail_cert" --user "$desk_user" --password "$desk_password" --address "$desk_mailbox" \
    || fail "scripts/demo/seed_mailbox.py could not seed $desk_mailbox"
}
# users_line FILE LINE: the demo user's line replaced (or added) atomically, with a newer modification time so the
# servers, which read their user files at every login, take it at once.
users_line() {
  local before now
  before=$(stat -c %Y "$1")
  { grep -v "^$desk_user:" "$1" || true; echo "$2"; } > "$1.tmp" && mv "$1.tmp" "$1" || fail "could not write $1"
  now=$(date +%s)
  touch -d "@$(( now > before ? now : before + 1 ))" "$1"
}
start_mail || echo "Dovecot and Radicale could not be started (see above): the demo runs without the password mailbox $desk_mailbox." >&2

# ---- build ------------------------------------------------------------------------------------
for project in src/Host src/Tools/ProviderSandbox; do
  echo "Building $project (Release)..."
  if ! dotnet build "$project" -c Release -v quiet -nologo > .run/build.log 2>&1; then
    grep -E ': (error|warning) ' .run/build.log | sort -u | tail -n 30 >&2 || true
    show_log .run/build.log 15
    fail "the build of $project failed (.run/build.log)"
  fi
done

wait_ready() { # url pid log what seconds
  local _
  for _ in $(seq 1 $(($5 * 2))); do
    curl -sf "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { show_log "$3"; fail "$4 exited before it was ready ($3)"; }
    sleep 0.5
  done
  show_log "$3"
  fail "$4 did not become ready within $5 s ($1; $3)"
}

# ---- provider sandbox with the demo mailboxes -------------------------------------------------
python3 scripts/demo/make_scenario.py .run/sandbox-scenario.json || fail "scripts/demo/make_scenario.py failed"
env 'Logging__LogLevel__Microsoft.AspNetCore=Warning' \
  dotnet src/Tools/ProviderSandbox/bin/Release/net10.0/ProviderSandbox.dll \
  --urls "$sandbox" --scenario "$root/.run/sandbox-scenario.json" > .run/sandbox.log 2>&1 &
sandbox_pid=$!
wait_ready "$sandbox/_sandbox/health" "$sandbox_pid" .run/sandbox.log "The provider sandbox" 60
for mailbox in "$work_mailbox" "$home_mailbox"; do
  curl -sf "$sandbox/_sandbox/mailboxes/$mailbox" >/dev/null \
    || { show_log .run/sandbox.log; fail "the sandbox did not load the mailbox $mailbox from .run/sandbox-scenario.json"; }
done

# The sandbox's Pub/Sub pushes the Gmail topic to the host, signed for the audience the host expects.
pubsub_topic="projects/navusoft-demo/topics/gmail" pubsub_audience="$base/api/webhooks/google/gmail"
pubsub_account="gmail-push@navusoft-demo.iam.gserviceaccount.com"
curl -sf -X POST "$sandbox/_sandbox/pubsub/subscriptions" -H 'content-type: application/json' \
  -d "{\"topic\":\"$pubsub_topic\",\"pushEndpoint\":\"$pubsub_audience\",\"audience\":\"$pubsub_audience\",\"serviceAccountEmail\":\"$pubsub_account\"}" >/dev/null \
  || { show_log .run/sandbox.log; fail "the sandbox did not take the Pub/Sub push subscription"; }

# ---- host, every provider URL pointed at the sandbox ------------------------------------------
start_host() {
  (
    cd src/Host/bin/Release/net10.0
    export ASPNETCORE_ENVIRONMENT=Development
    export Providers__Microsoft__AuthorityUrl="$sandbox"
    export Providers__Microsoft__GraphBaseUrl="$sandbox/v1.0"
    export Providers__Microsoft__ClientId=navusoftsync-demo Providers__Microsoft__ClientSecret=demo-secret
    export Providers__Google__AuthorizeUrl="$sandbox/o/oauth2/v2/auth"
    export Providers__Google__TokenUrl="$sandbox/token"
    export Providers__Google__GmailBaseUrl="$sandbox/gmail/v1"
    export Providers__Google__CalendarBaseUrl="$sandbox/calendar/v3"
    export Providers__Google__ClientId=navusoftsync-demo.apps.googleusercontent.com Providers__Google__ClientSecret=demo-secret
    export Links__CallbackBaseUrl="$base"
    # Password mailboxes: the local Dovecot and Radicale listen on localhost with a self-signed certificate.
    if [ -n "$mail_cert" ]; then export Linking__AllowPrivateServers=true MailServers__TrustedCertificateFile="$mail_cert"; fi
    # Push on: the sandbox calls the host's webhooks (Graph subscriptions, Calendar channels, and Gmail through
    # the sandbox's Pub/Sub, whose OIDC tokens the host checks against the sandbox's JWKS).
    export Links__WebhookBaseUrl="$base"
    export Providers__Google__PubSubTopic="$pubsub_topic" Providers__Google__PubSubAudience="$pubsub_audience"
    export Providers__Google__PubSubServiceAccount="$pubsub_account" Providers__Google__PubSubCertsUrl="$sandbox/oauth2/v3/certs"
    # Poll every minute (every 5 minutes while push is healthy), and reach back over the three weeks the demo mailboxes hold.
    export Sync__IntervalSeconds=60 Sync__FallbackIntervalSeconds=300 Sync__InitialEmailDays=22 Sync__CalendarPastDays=22
    exec dotnet Host.dll --urls "$base"
  ) > .run/host.log 2>&1 &
  host_pid=$!
  wait_ready "$base/health/ready" "$host_pid" .run/host.log "The host" 180
}
start_host

# ---- demo tenant: tokens, accounts, providers -------------------------------------------------
token() {
  curl -sf -X POST "$base/api/dev/token" -H 'content-type: application/json' -d "$1" | json_get accessToken
}
admin_token=$(token "{\"sub\":\"navusoft-core\",\"tid\":\"$tenant\",\"role\":\"admin\",\"name\":\"Navusoft Core\"}") \
  || { show_log .run/host.log; fail "could not mint the admin token (POST /api/dev/token)"; }
operator_token=$(token '{"sub":"demo-operator","tid":"navusoft","role":"operator","name":"Platform Operator"}') \
  || { show_log .run/host.log; fail "could not mint the operator token (POST /api/dev/token)"; }
user_token=$(token "{\"sub\":\"demo-user\",\"tid\":\"$tenant\",\"role\":\"user\",\"name\":\"Dana Dispatcher\",\"email\":\"dana@$tenant.example\",\"tz\":\"America/Chicago\"}") \
  || { show_log .run/host.log; fail "could not mint the user token (POST /api/dev/token)"; }

# call METHOD PATH TOKEN [JSON]: prints the response body; fails with the status, body and host log otherwise.
call() { # method path token [json]; with call_jar set, cookies are kept in that file
  local args=(-s -w '\n%{http_code}' -X "$1" "$base$2" -H "Authorization: Bearer $3") response status
  [ $# -ge 4 ] && args+=(-H 'content-type: application/json' --data "$4")
  [ -n "${call_jar:-}" ] && args+=(-b "$call_jar" -c "$call_jar")
  response=$(curl "${args[@]}") || { show_log .run/host.log; fail "$1 $2: the host did not answer"; }
  status="${response##*$'\n'}"
  response="${response%$'\n'*}"
  if [ "${status:0:1}" != 2 ]; then
    echo "$response" >&2
    show_log .run/host.log 20
    fail "$1 $2 answered $status"
  fi
  printf '%s\n' "$response"
}

# Seed the demo accounts (idempotent: a second run appends nothing), then check that the contact
# lookup finds every contact. Exit status 3: it does not (a database written by an older build).
seed_accounts() {
  python3 - "$base" "$admin_token" scripts/demo/accounts.json <<'PY'
import json, sys, urllib.error, urllib.parse, urllib.request
base, token, path = sys.argv[1], sys.argv[2], sys.argv[3]
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
accounts = json.load(open(path))
for account in accounts:
    body = json.dumps({"name": account["name"], "contacts": account["contacts"]}).encode()
    request = urllib.request.Request(f"{base}/api/accounts/{account['accountId']}", data=body, method="PUT", headers=headers)
    try:
        urllib.request.urlopen(request).read()
    except urllib.error.HTTPError as error:
        sys.exit(f"PUT /api/accounts/{account['accountId']} answered {error.code}: {error.read().decode(errors='replace')}")
missing = []
for account in accounts:
    for contact in account["contacts"]:
        url = f"{base}/api/contacts?email={urllib.parse.quote(contact['email'])}"
        found = json.load(urllib.request.urlopen(urllib.request.Request(url, headers=headers)))
        if not any(match["accountId"] == account["accountId"] for match in found):
            missing.append(contact["email"])
if missing:
    print(f"The contact lookup misses {len(missing)} demo contacts (e.g. {missing[0]}).", file=sys.stderr)
    sys.exit(3)
print(f"Seeded {len(accounts)} demo accounts.")
PY
}
seed_status=0
seed_accounts || seed_status=$?
if [ "$seed_status" = 3 ] && [ "$local_pg" = 1 ]; then
  # Inline projections do not backfill: events an older build wrote may lack a newer lookup's rows.
  echo "The demo database navusoftsync was written by an older build: starting it afresh."
  stop_process "$host_pid"; host_pid=""
  demo_db_recreate
  start_host
  seed_status=0
  seed_accounts || seed_status=$?
fi
if [ "$seed_status" = 3 ] && [ "$local_pg" = 1 ]; then
  show_log .run/host.log 20
  fail "the contact lookup misses the demo contacts even in a fresh database"
elif [ "$seed_status" = 3 ]; then
  fail "the contact lookup misses the demo contacts: the given database was probably written by an older build; use an empty one"
elif [ "$seed_status" != 0 ]; then
  show_log .run/host.log 20
  fail "seeding the demo accounts failed"
fi

for provider in microsoft google imap; do
  call PUT "/api/admin/providers/$provider" "$admin_token" '{"enabled":true,"reviewTicket":"TR-1001"}' >/dev/null
done
echo "Enabled the microsoft, google and imap providers for $tenant (review ticket TR-1001)."

# ---- link the demo user's mailboxes through the real OAuth flow -------------------------------
link() { # provider mailbox
  local started authorize callback answer call_jar=.run/link-cookies.txt
  # One cookie jar plays the user's browser: POST /api/me/links sets the link request's HttpOnly
  # cookie, and the callback completes the link only for the browser that brings it back (or for
  # the user's bearer token); anyone else's browser would get a page that links nothing.
  rm -f "$call_jar"
  started=$(call POST /api/me/links "$user_token" "{\"provider\":\"$1\",\"loginHint\":\"$2\"}")
  authorize=$(json_get authorizationUrl <<<"$started") || fail "POST /api/me/links answered no authorizationUrl: $started"
  # The browser leg: the sandbox consents at once and redirects to the host's callback.
  callback=$(curl -s -o /dev/null -w '%{redirect_url}' "$authorize") || { show_log .run/sandbox.log 20; fail "the sandbox did not answer $authorize"; }
  case "$callback" in
    "$base/api/links/callback/$1?"*code=*) ;;
    *) show_log .run/sandbox.log 20; fail "the sandbox did not redirect back with a code for $2 (redirect: '${callback:-none}')" ;;
  esac
  answer=$(curl -s -b "$call_jar" -c "$call_jar" -w '\n%{http_code}' "$callback") || fail "the host did not answer the callback $callback"
  if [ "${answer##*$'\n'}" != 200 ]; then
    echo "${answer%$'\n'*}" >&2
    show_log .run/host.log 20
    fail "the OAuth callback for $2 answered ${answer##*$'\n'}"
  fi
  case "$answer" in
    "{"*) ;;
    *) fail "the OAuth callback for $2 did not see the link request's cookie (it answered the page for another browser)" ;;
  esac
  rm -f "$call_jar"
  echo "  $1 ($2): $(json_get message <<<"${answer%$'\n'*}")"
}
echo "Linking the demo user's mailboxes:"
link microsoft "$work_mailbox"
link google "$home_mailbox"
# The password mailbox: both logins (IMAP, then CalDAV discovery from the server's root) are tried before it is stored.
if [ -n "$desk_password" ]; then
  desk_link=$(call POST /api/me/links "$user_token" "$(python3 -c 'import json, sys; print(json.dumps({"provider": "imap", "address": sys.argv[1],
    "imap": {"host": sys.argv[2], "port": int(sys.argv[3]), "security": "ssl", "username": sys.argv[4], "password": sys.argv[5]},
    "caldav": {"url": sys.argv[6]}}))' "$desk_mailbox" "$mail_host" "$imaps_port" "$desk_user" "$desk_password" "$caldav_root")")
  echo "  imap ($desk_mailbox): $(json_get message <<<"$desk_link")"
fi

# ---- where to look ----------------------------------------------------------------------------
# The first sync starts at once: give it a few seconds, then show the links.
for attempt in $(seq 1 15); do
  sleep 1
  links=$(call GET /api/me/links "$user_token")
  read -r synced sync_done < <(python3 - "$links" 2>.run/links.txt <<'PY'
import json, sys
links = [link for link in json.loads(sys.argv[1]) if link["status"] != "Unlinked"]
for link in links:
    error = f", last error: {link['lastSyncError']}" if link.get("lastSyncError") else ""
    print(f"  {link['provider']:<10} {link['externalAccount']:<30} {link['status']:<8} "
          f"{link.get('emailsSynced') or 0} emails, {link.get('appointmentsSynced') or 0} appointments synced{error}", file=sys.stderr)
items = sum((link.get("emailsSynced") or 0) + (link.get("appointmentsSynced") or 0) for link in links)
done = all(link.get("lastSyncAt") and link["status"] != "Syncing" for link in links)
print(items, int(bool(links) and done))
PY
  ) || fail "GET /api/me/links answered something unexpected: $links"
  if [ "$synced" != 0 ] && [ "$sync_done" = 1 ]; then break; fi
done
to_date=$(TZ=America/Chicago date -d "+30 days" +%F)
from_date=$(TZ=America/Chicago date -d "-30 days" +%F)
# The calendars are projections the async daemon builds right after the sync: wait until the user's
# calendar shows items, then summarise it and the busiest account's calendar.
for attempt in $(seq 1 20); do
  calendar=$(curl -s -H "Authorization: Bearer $user_token" "$base/api/me/calendar?from=$from_date&to=$to_date")
  python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1]).get("days") else 1)' "$calendar" 2>/dev/null && break
  sleep 1
done
python3 - "$calendar" >.run/calendar.txt 2>/dev/null <<'PY' || echo "  (the user's calendar did not answer as expected: see .run/host.log)" >.run/calendar.txt
import json, sys
calendar = json.loads(sys.argv[1])
days = calendar["days"]
items = [item for day in days for item in day["items"]]
print(f"  {len(items)} items on {len(days)} days ({sum(1 for d in days if d['count'] > 1)} days show \"Events\"), time zone {calendar['timeZone']}")
for day in days[:6]:
    label = day["items"][0]["title"] if day["count"] == 1 else f"Events ({day['count']})"
    print(f"    {day['date']}  {label}")
if len(days) > 6:
    print("    ...")
PY
busiest=ACC-1001; email_id=; appointment_id=; busy_day=$to_date
# Ids to show in the example calls (only ids and dates pass the filter before they are evaluated).
eval "$(python3 - "$calendar" 2>/dev/null <<'PY' | grep -E '^(busiest|email_id|appointment_id|busy_day)=[A-Za-z0-9:._-]+$'
import json, sys
days = json.loads(sys.argv[1]).get("days") or []
items = [item for day in days for item in day["items"]]
accounts = {}
for item in items:
    for account in item.get("accountIds") or []:
        accounts[account] = accounts.get(account, 0) + 1
if accounts: print("busiest=" + max(sorted(accounts), key=accounts.get))
print("email_id=" + next((i["id"] for i in items if i["kind"] == "email"), ""))
print("appointment_id=" + next((i["id"] for i in items if i["kind"] == "appointment"), ""))
print("busy_day=" + next((d["date"] for d in days if d["count"] > 1), days[0]["date"] if days else ""))
PY
)" || true
if [ -n "$desk_password" ]; then
  desk_lines="  Mail servers       Dovecot $mail_host:$imaps_port (IMAPS), Radicale $caldav_root (certificate: $mail_cert)
  Password mailbox   $desk_mailbox: user $desk_user, app password $desk_password
                     (link it yourself: Link External Calendar/Email, Select a Different Provider, IMAP / CalDAV)"
else
  desk_lines="  Password mailbox   not linked: Dovecot and Radicale could not be started (scripts/mailservers.sh)"
fi
cat <<MSG

NavusoftSync is running at $base (logs: .run/host.log)
  Reference UI       $base/app/  (sign in with the prefilled demo user)
  OpenAPI document   $base/openapi/v1.json
  Readiness          $base/health/ready
  Demo tenant        $tenant: 20 accounts (scripts/demo/accounts.json), microsoft, google and imap enabled
  Provider sandbox   $sandbox (logs: .run/sandbox.log; mailboxes: $sandbox/_sandbox/mailboxes)
$desk_lines
  Demo user          demo-user, dana@$tenant.example, America/Chicago (tokens valid for 8 hours)
  User token         $user_token
  Admin token        $admin_token
  Operator token     $operator_token  (projection rebuilds, dead letters)

The demo user's links (GET /api/me/links; polled every 60 s, every 5 minutes while push is Active):
$(cat .run/links.txt)

Try it: paste the export line into a shell, then any of the calls.
  export API=$base SANDBOX=$sandbox USER_TOKEN=$user_token ADMIN_TOKEN=$admin_token OPERATOR_TOKEN=$operator_token
  curl -H "Authorization: Bearer \$USER_TOKEN" \$API/api/me/links
  curl -H "Authorization: Bearer \$USER_TOKEN" \$API/api/accounts/ACC-1001
  curl -H "Authorization: Bearer \$USER_TOKEN" "\$API/api/contacts?email=maria.garcia@greenfieldapartmen.com"
  curl -H "Authorization: Bearer \$ADMIN_TOKEN" \$API/api/admin/providers
  curl -H "Authorization: Bearer \$OPERATOR_TOKEN" \$API/api/admin/dead-letters
  curl \$SANDBOX/_sandbox/mailboxes/$work_mailbox
Push is on: a message added to a mailbox reaches the calendars within seconds, not at the next poll:
  curl -X POST -H 'content-type: application/json' \$SANDBOX/_sandbox/mailboxes/$work_mailbox/messages \\
    -d '{"subject":"Pickup moved to Friday","from":"maria.garcia@greenfieldapartmen.com","to":["$work_mailbox"],"body":"See you then."}'
  curl \$SANDBOX/_sandbox/push/state   (subscriptions, watches, channels and every delivery)
The demo user's calendar ($from_date to $to_date, America/Chicago):
$(cat .run/calendar.txt)
The user's calendar, a busy day's "Events" list, and account $busiest's calendar:
  curl -H "Authorization: Bearer \$USER_TOKEN" "\$API/api/me/calendar?from=$from_date&to=$to_date"
  curl -H "Authorization: Bearer \$USER_TOKEN" "\$API/api/me/calendar/days/$busy_day"
  curl -H "Authorization: Bearer \$USER_TOKEN" "\$API/api/accounts/$busiest/calendar?from=$from_date&to=$to_date"
An email thread and an appointment, with the accounts and contact addresses that put them there:
  curl -H "Authorization: Bearer \$USER_TOKEN" \$API/api/emails/${email_id:-<threadId>}
  curl -H "Authorization: Bearer \$USER_TOKEN" \$API/api/appointments/${appointment_id:-<appointmentId>}
MSG
if [ "$synced" = 0 ] && [ "$sync_done" = 1 ]; then
  echo "The first sync recorded nothing: see .run/host.log."
elif [ "$sync_done" != 1 ]; then
  echo "The first sync is still running: GET /api/me/links shows its counts when it is done."
fi
echo
echo "Press Ctrl+C to stop."

# Run until Ctrl+C, or until the host or the sandbox stops by itself.
set +e
wait -n "$host_pid" "$sandbox_pid"
set -e
if ! kill -0 "$host_pid" 2>/dev/null; then show_log .run/host.log; fail "the host stopped (.run/host.log)"; fi
show_log .run/sandbox.log
fail "the provider sandbox stopped (.run/sandbox.log)"
