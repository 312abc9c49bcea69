#!/usr/bin/env bash
# Throwaway local mail servers for password-mailbox (IMAP / CalDAV) tests and the demo:
# Dovecot (IMAP) and Radicale (CalDAV), both from Debian, both over TLS with a self-signed
# certificate for localhost / 127.0.0.1.
#
#   source scripts/mailservers.sh; mail_start   # starts (or reuses) them, exports NAVUSOFTSYNC_MAIL_ENV
#   bash scripts/mailservers.sh start|stop|env  # the same from the command line (env prints the JSON)
#
# `dovecot-imapd` and `radicale` are installed with apt-get when missing and we are root.
# Everything lives in ${NAVUSOFTSYNC_MAIL_DIR:-${TMPDIR:-/tmp}/navusoftsync-mail-$UID}:
#   env.json      what callers read: host, ports, CalDAV root, certificate, user files, doveadm config
#   dovecot/      dovecot.conf, passwd (users: "name:{PLAIN}password:uid:gid::home::"), logs
#   radicale/     config, users (htpasswd, plain: "name:password"), collections/
#   mail/<user>/  each user's Maildir home
#   tls/          cert.pem (trust this), key.pem
# Both servers re-read their user files (Radicale per request, Dovecot at most once a second), so tests add users and change passwords
# by rewriting a line. Dovecot offers IMAPS on one port and IMAP (STARTTLS, or plain text for
# tests of insecure servers) on another, with CONDSTORE, QRESYNC, IDLE and SPECIAL-USE (\Sent
# auto-created as "Sent"). Radicale serves https://localhost:<port>/ with owner-only rights.

_mail_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_mail_dir() { echo "${NAVUSOFTSYNC_MAIL_DIR:-${TMPDIR:-/tmp}/navusoftsync-mail-$(id -u)}"; }

_mail_free_port() { # first free port from $1
  local p
  for p in $(seq "$1" $(($1 + 200))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

_mail_install() {
  local missing=()
  command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
  [ -x /usr/bin/radicale ] || command -v radicale >/dev/null 2>&1 || missing+=(radicale)
  [ ${#missing[@]} = 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "mailservers.sh: ${missing[*]} missing; install them (apt-get install ${missing[*]})" >&2
    return 1
  fi
  echo "mailservers.sh: installing ${missing[*]} (apt-get)..." >&2
  mkdir -p "$(_mail_dir)"
  { apt-get install -y -qq "${missing[@]}" || { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; }; } \
    >"$(_mail_dir)/install.log" 2>&1 </dev/null || { tail -n 20 "$(_mail_dir)/install.log" >&2; return 1; }
  # Debian starts the packaged services; ours run on their own ports with their own configuration.
  (systemctl stop dovecot radicale || service dovecot stop) >/dev/null 2>&1 || true
}

_mail_running() { # dir
  [ -f "$1/env.json" ] && [ -f "$1/dovecot/run/master.pid" ] && kill -0 "$(cat "$1/dovecot/run/master.pid")" 2>/dev/null \
    && [ -f "$1/radicale/pid" ] && kill -0 "$(cat "$1/radicale/pid")" 2>/dev/null
}

_mail_wait_port() { # port seconds
  local i
  for i in $(seq 1 $(($2 * 10))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

_mail_write_dovecot() { # dir imaps imap mail_user
  local d="$1" user="$4" internal login
  mkdir -p "$d/dovecot/run" "$d/mail"
  if [ "$(id -u)" = 0 ]; then internal=dovecot; login=dovenull; else internal="$(id -un)"; login="$(id -un)"; fi
  touch "$d/dovecot/passwd"
  cat >"$d/dovecot/dovecot.conf" <<EOF
# Written by scripts/mailservers.sh; throwaway, for tests and the demo only.
base_dir = $d/dovecot/run
state_dir = $d/dovecot/state
instance_name = navusoftsync-test
protocols = imap
listen = 127.0.0.1
log_path = $d/dovecot/dovecot.log
info_log_path = $d/dovecot/dovecot.log
default_internal_user = $internal
default_login_user = $login
default_internal_group = $(id -gn "$internal")
first_valid_uid = 1
last_valid_uid = 0
auth_mechanisms = plain login
disable_plaintext_auth = no
auth_cache_size = 0
auth_failure_delay = 0
ssl = yes
ssl_cert = <$d/tls/cert.pem
ssl_key = <$d/tls/key.pem
ssl_min_protocol = TLSv1.2
mail_location = maildir:~/Maildir
mail_max_userip_connections = 500
mail_plugins = \$mail_plugins
imap_idle_notify_interval = 1 mins
mailbox_list_index = yes
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $d/dovecot/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u $d/dovecot/passwd
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $3
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $2
    ssl = yes
  }
  process_min_avail = 1
}
service imap {
  process_limit = 1024
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    user = $(id -un)
  }
  unix_listener stats-writer {
    user = $(id -un)
  }
}
EOF
  chown "$user" "$d/mail" 2>/dev/null || true
}

_mail_write_radicale() { # dir port
  local d="$1"
  mkdir -p "$d/radicale/collections"
  touch "$d/radicale/users"
  cat >"$d/radicale/config" <<EOF
# Written by scripts/mailservers.sh; throwaway, for tests and the demo only.
[server]
hosts = 127.0.0.1:$2
ssl = True
certificate = $d/tls/cert.pem
key = $d/tls/key.pem
max_connections = 64
max_content_length = 100000000
timeout = 60

[auth]
type = htpasswd
htpasswd_filename = $d/radicale/users
htpasswd_encryption = plain
delay = 0

[rights]
type = owner_only

[storage]
filesystem_folder = $d/radicale/collections

[logging]
level = warning
mask_passwords = True
EOF
}

mail_start() {
  local d imaps imap caldav user pid
  d="$(_mail_dir)"
  NAVUSOFTSYNC_MAIL_STARTED=0
  if _mail_running "$d"; then
    echo "mailservers.sh: reusing the running Dovecot and Radicale ($d)" >&2
    export NAVUSOFTSYNC_MAIL_ENV="$d/env.json" NAVUSOFTSYNC_MAIL_STARTED
    return 0
  fi
  _mail_install || return 1
  mail_stop >/dev/null 2>&1
  rm -rf "$d" && mkdir -p "$d/tls" || return 1
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -addext "basicConstraints=critical,CA:TRUE" \
    -keyout "$d/tls/key.pem" -out "$d/tls/cert.pem" >"$d/tls/openssl.log" 2>&1 || { cat "$d/tls/openssl.log" >&2; return 1; }
  chmod 644 "$d/tls/cert.pem" "$d/tls/key.pem"
  if [ "$(id -u)" = 0 ]; then user=nobody; else user="$(id -un)"; fi
  imaps="$(_mail_free_port 56993)" && imap="$(_mail_free_port $((imaps + 1)))" && caldav="$(_mail_free_port $((imap + 1)))" \
    || { echo "mailservers.sh: no free ports" >&2; return 1; }
  _mail_write_dovecot "$d" "$imaps" "$imap" "$user"
  _mail_write_radicale "$d" "$caldav"
  /usr/sbin/dovecot -c "$d/dovecot/dovecot.conf" || { tail -n 20 "$d/dovecot/dovecot.log" >&2; return 1; }
  /usr/bin/python3 /usr/bin/radicale --config "$d/radicale/config" >"$d/radicale/radicale.log" 2>&1 &
  pid=$!
  echo "$pid" >"$d/radicale/pid"
  disown "$pid" 2>/dev/null || true
  if ! _mail_wait_port "$imaps" 20 || ! _mail_wait_port "$caldav" 30; then
    echo "mailservers.sh: Dovecot or Radicale did not start" >&2
    tail -n 20 "$d/dovecot/dovecot.log" "$d/radicale/radicale.log" >&2
    mail_stop
    return 1
  fi
  cat >"$d/env.json" <<EOF
{
  "host": "localhost",
  "imapsPort": $imaps,
  "imapPort": $imap,
  "calDavRoot": "https://localhost:$caldav/",
  "certificateFile": "$d/tls/cert.pem",
  "dovecotPasswdFile": "$d/dovecot/passwd",
  "dovecotConfig": "$d/dovecot/dovecot.conf",
  "mailHome": "$d/mail",
  "mailUser": "$user",
  "radicaleUsersFile": "$d/radicale/users",
  "radicaleCollections": "$d/radicale/collections"
}
EOF
  NAVUSOFTSYNC_MAIL_STARTED=1
  export NAVUSOFTSYNC_MAIL_ENV="$d/env.json" NAVUSOFTSYNC_MAIL_STARTED
  echo "mailservers.sh: Dovecot on localhost:$imaps (IMAPS) and :$imap (IMAP), Radicale on https://localhost:$caldav/ ($d)" >&2
}

mail_stop() {
  local d
  d="$(_mail_dir)"
  if [ -f "$d/dovecot/dovecot.conf" ]; then
    /usr/sbin/dovecot -c "$d/dovecot/dovecot.conf" stop >/dev/null 2>&1 || true
  fi
  if [ -f "$d/radicale/pid" ]; then
    kill "$(cat "$d/radicale/pid")" 2>/dev/null || true
    rm -f "$d/radicale/pid"
  fi
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-start}" in
    start) mail_start && cat "$NAVUSOFTSYNC_MAIL_ENV" ;;
    stop) mail_stop ;;
    env) cat "$(_mail_dir)/env.json" ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
  esac
fi
