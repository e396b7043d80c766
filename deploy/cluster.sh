#!/usr/bin/env bash
# A production-shaped cluster on one machine: PostgreSQL, Redis, two gunicorn web nodes and one
# task worker, all with the production settings. `make cluster`, `make cluster-stop`,
# `make test-cluster` call this; docs/deployment.md explains it.
#
#   deploy/cluster.sh start | stop | status | test | bench | bench-checkin | worker-start |
#                     worker-kill | env
#
# State lives in .cluster/ (git-ignored): the generated SECRET_KEY, the environment file, PID files,
# logs, collected static files, and the shared media folders.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIR="$ROOT/.cluster"
BIN="$ROOT/.venv/bin"
WEB_PORTS=(8101 8102)
WORKER_ID=cluster-worker-1
DB_NAME=${CLUSTER_DB_NAME:-lms_cluster}
PG_HOST=127.0.0.1
PG_PORT=5432

log() { echo "cluster: $*" >&2; }

prepare_dir() {
  mkdir -p "$DIR"
  # The folder ignores itself: nothing in it (a secret key, logs) may be committed.
  [ -f "$DIR/.gitignore" ] || echo '*' >"$DIR/.gitignore"
  if [ ! -s "$DIR/secret_key" ]; then
    (umask 077 && "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$DIR/secret_key")
  fi
  # The credentials' signing key (docs/credentials.md): a JWKS file, like a deployment's.
  if [ ! -s "$DIR/credential_keys.json" ]; then
    (umask 077 && "$BIN/python" -c 'import json; from joserfc.jwk import OKPKey; print(json.dumps({"keys": [OKPKey.generate_key("Ed25519", parameters={"kid": "cluster-1"}).as_dict(private=True)]}))' >"$DIR/credential_keys.json")
  fi
  local redis_url=""
  if redis_up; then redis_url="redis://127.0.0.1:6379/5"; fi
  cat >"$DIR/env" <<ENV
DJANGO_SETTINGS_MODULE=lms.settings.production
SECRET_KEY=$(cat "$DIR/secret_key")
ALLOWED_HOSTS=127.0.0.1,localhost
INSECURE_LOCAL_HTTP=1
DATABASE_URL=postgres://postgres@$PG_HOST:$PG_PORT/$DB_NAME
DB_CONN_MAX_AGE=60
REDIS_URL=$redis_url
CACHE_KEY_PREFIX=lms-cluster
STATIC_ROOT=$DIR/static
MEDIA_ROOT=$DIR/media
PRIVATE_MEDIA_ROOT=$DIR/private_media
SITE_URL=http://127.0.0.1:${WEB_PORTS[0]}
CREDENTIAL_SIGNING_KEYS_FILE=$DIR/credential_keys.json
CLUSTER_WEB_URLS=http://127.0.0.1:${WEB_PORTS[0]},http://127.0.0.1:${WEB_PORTS[1]}
CLUSTER_DIR=$DIR
CLUSTER_WORKER_ID=$WORKER_ID
GUNICORN_WORKERS=2
GUNICORN_THREADS=2
BENCH_BARE_VIEW=${BENCH_BARE_VIEW:-}
ENV
}

load_env() { set -a; . "$DIR/env"; set +a; }

redis_up() { "$BIN/python" -c 'import redis; redis.Redis(port=6379, socket_timeout=1).ping()' 2>/dev/null; }

ensure_services() {
  if ! pg_isready -h "$PG_HOST" -p "$PG_PORT" -q 2>/dev/null; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    for _ in $(seq 1 30); do pg_isready -h "$PG_HOST" -p "$PG_PORT" -q && break; sleep 1; done
  fi
  if ! redis_up && command -v redis-server >/dev/null; then
    log "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --dir /tmp --logfile "$DIR/redis.log" || log "Redis did not start: the nodes run without it"
    for _ in $(seq 1 20); do redis_up && break; sleep 0.5; done
  fi
  # The database belongs with this .cluster/ folder: its rows name files in .cluster/media (the
  # certificates' logo and signature) and credentials signed with .cluster/credential_keys.json.
  # A database this folder did not create (another checkout's, or one left from before the folder
  # was wiped) would point at files that are not here, so it is made afresh, and the shared
  # cache's entries (Redis database 5) with it.
  local oid
  oid=$(database_oid)
  if [ -n "$oid" ] && [ "$oid" != "$(cat "$DIR/database_oid" 2>/dev/null)" ]; then
    log "the database $DB_NAME was not made by this folder: making it afresh"
    dropdb -h "$PG_HOST" -p "$PG_PORT" -U postgres --force "$DB_NAME"
    oid=""
  fi
  if [ -z "$oid" ]; then
    log "creating the database $DB_NAME"
    createdb -h "$PG_HOST" -p "$PG_PORT" -U postgres "$DB_NAME"
    database_oid >"$DIR/database_oid"
    if redis_up; then
      "$BIN/python" -c 'import redis; redis.Redis(port=6379, db=5).flushdb()'
    fi
  fi
}

database_oid() {
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -tAc \
    "SELECT oid FROM pg_database WHERE datname = '$DB_NAME'"
}

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_healthy() {
  local url=$1
  for _ in $(seq 1 120); do
    if "$BIN/python" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
        "$url/health/" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  log "$url/health/ did not answer; the end of each node's log:"
  tail -n 20 "$DIR"/web-*.log >&2
  return 1
}

web_start() {
  local n=$1 port=$2
  alive "$DIR/web-$n.pid" && return 0
  # nohup execs gunicorn, so $! is the master's PID: TERM to it stops the node gracefully.
  GUNICORN_BIND="127.0.0.1:$port" nohup "$BIN/gunicorn" -c deploy/gunicorn.conf.py lms.wsgi \
    >>"$DIR/web-$n.log" 2>&1 &
  echo $! >"$DIR/web-$n.pid"
  disown
}

worker_start() {
  load_env
  alive "$DIR/worker.pid" && return 0
  # Tests only: CLUSTER_WORKER_RENDER_PAUSE=<seconds> runs the same command through
  # tests/cluster/slow_render_worker.py, which holds every certificate PDF that long before
  # storing it, so that tests/cluster can kill the worker in the middle of a batch.
  local command=(manage.py task_worker)
  if [ -n "${CLUSTER_WORKER_RENDER_PAUSE:-}" ]; then
    command=(-m tests.cluster.slow_render_worker)
  fi
  nohup "$BIN/python" "${command[@]}" --worker-id "$WORKER_ID" --interval 0.2 \
    --no-startup-delay >>"$DIR/worker.log" 2>&1 &
  echo $! >"$DIR/worker.pid"
  disown
  log "worker started (PID $!)"
}

worker_kill() {
  # SIGKILL on purpose: the worker gets no chance to tidy up, as when a machine dies.
  if alive "$DIR/worker.pid"; then
    kill -KILL "$(cat "$DIR/worker.pid")"
    log "worker killed (PID $(cat "$DIR/worker.pid"))"
  fi
  rm -f "$DIR/worker.pid"
}

setup_step() {
  if ! "$BIN/python" manage.py "$@" >>"$DIR/setup.log" 2>&1; then
    log "manage.py $* failed; the end of $DIR/setup.log:"
    tail -n 30 "$DIR/setup.log" >&2
    return 1
  fi
}

start() {
  prepare_dir
  ensure_services
  prepare_dir # again: Redis may have just come up
  load_env
  local all_up=1
  for n in 1 2; do alive "$DIR/web-$n.pid" || all_up=0; done
  alive "$DIR/worker.pid" || all_up=0
  if [ "$all_up" = 1 ]; then
    log "already running"
    return 0
  fi
  log "migrating, collecting static files, seeding the demo data"
  setup_step migrate --noinput
  # Compressing every file takes minutes on a busy machine: collect again only when an asset or
  # an installed package changed since the last time.
  local stamp
  # (`|| true`: on a fresh .cluster/ the manifest is missing, find fails, and set -e would stop here.)
  stamp="$(cd "$ROOT" && find static package-lock.json pyproject.toml -newer "$STATIC_ROOT/staticfiles.json" 2>/dev/null | head -1 || true)"
  if [ ! -s "$STATIC_ROOT/staticfiles.json" ] || [ -n "$stamp" ] || [ "$BIN/.installed" -nt "$STATIC_ROOT/staticfiles.json" ]; then
    setup_step collectstatic --noinput
  fi
  setup_step seed_demo --force --if-empty
  mkdir -p "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"
  web_start 1 "${WEB_PORTS[0]}"
  web_start 2 "${WEB_PORTS[1]}"
  worker_start
  for port in "${WEB_PORTS[@]}"; do wait_healthy "http://127.0.0.1:$port"; done
  log "up: http://127.0.0.1:${WEB_PORTS[0]}/ and http://127.0.0.1:${WEB_PORTS[1]}/ (logs in $DIR)"
}

stop_pid_file() {
  local file=$1
  if alive "$file"; then
    local pid
    pid=$(cat "$file")
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$file"
}

stop() {
  [ -d "$DIR" ] || return 0
  for name in web-1 web-2 worker; do stop_pid_file "$DIR/$name.pid"; done
  log "stopped"
}

status() {
  for name in web-1 web-2 worker; do
    if alive "$DIR/$name.pid"; then echo "$name: running (PID $(cat "$DIR/$name.pid"))"; else echo "$name: stopped"; fi
  done
}

run_tests() {
  # Stop the cluster afterwards only if this run started it.
  local was_running=1
  for name in web-1 web-2 worker; do alive "$DIR/$name.pid" || was_running=0; done
  if [ "$was_running" = 0 ]; then trap stop EXIT; fi
  start
  load_env
  local code=0
  "$BIN/pytest" tests/cluster -p no:cacheprovider "$@" || code=$?
  if [ "$code" != 0 ] && grep -q '"level": "ERROR"' "$DIR/worker.log" 2>/dev/null; then
    # What the worker logged is in .cluster/, which a CI run does not keep: say the last of it.
    log "the worker's last errors (from $DIR/worker.log):"
    grep '"level": "ERROR"' "$DIR/worker.log" | tail -n 3 | cut -c 1-1500 >&2
  fi
  return "$code"
}

ports_taken() { ss -ltn | grep -qE "127\.0\.0\.1:(${WEB_PORTS[0]}|${WEB_PORTS[1]})\b"; }

run_bench() {
  # The benchmark needs the bare view (/bench/bare/), which only BENCH_BARE_VIEW=1 mounts. A
  # cluster of this tree already running with it is used as it is; one running without it is
  # restarted with it. A cluster started here is stopped afterwards.
  local was_running=1
  for name in web-1 web-2 worker; do alive "$DIR/$name.pid" || was_running=0; done
  if [ "$was_running" = 1 ] && ! grep -qx 'BENCH_BARE_VIEW=1' "$DIR/env"; then
    log "restarting the cluster with the benchmark's bare view"
    stop
    was_running=0
  fi
  if [ "$was_running" = 0 ]; then
    # Another tree's cluster (a CI run) may hold the ports: measuring it would be wrong, so wait.
    for _ in $(seq 1 60); do ports_taken || break; log "ports ${WEB_PORTS[*]} in use; waiting"; sleep 5; done
    if ports_taken; then log "ports ${WEB_PORTS[*]} still in use: giving up"; return 1; fi
    trap stop EXIT
  fi
  BENCH_BARE_VIEW=1 start
  load_env
  "$BIN/python" bench/run.py "$@"
  # 300 learners checking in to one session within a minute, on both nodes (issue 19).
  "$BIN/python" bench/checkin.py
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  worker-start) worker_start ;;
  worker-kill) worker_kill ;;
  test) shift; run_tests "$@" ;;
  bench) shift; run_bench "$@" ;;
  bench-checkin) shift; load_env; "$BIN/python" bench/checkin.py "$@" ;;
  env) prepare_dir; cat "$DIR/env" ;;
  *) echo "usage: $0 start|stop|status|test|bench|bench-checkin|worker-start|worker-kill|env" >&2; exit 2 ;;
esac
