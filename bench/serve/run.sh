#!/usr/bin/env bash
# Load benchmark of `tandem serve` (run by hand; see bench/README.md).
#
#   bench/serve/run.sh [BUILD_DIR] [SECONDS]
#
# On loopback, with wrk: requests per second and p99 latency of
# GET /api/resources/{id} signed in, then the same while 8 writers save
# resources through the API, then nginx serving a static file of the same
# size (the ceiling). Prints one line per run and a summary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
seconds="${2:-10}"
tandem="$build/bin/tandem"
writers_bin="$build/bench/serve/tandem-bench-writers"
threads="${WRK_THREADS:-2}"
connections="${WRK_CONNECTIONS:-32}"
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "bench/serve: $tool is missing (scripts/install-deps)" >&2; exit 1; }
done
for binary in "$tandem" "$writers_bin"; do
  [ -x "$binary" ] || { echo "bench/serve: no $binary; build first" >&2; exit 1; }
done

work="$(mktemp -d)"
chmod 755 "$work"  # nginx's workers (www-data) read the static file
server_pid="" nginx_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

data="$work/data"
"$tandem" --data "$data" init --seed "$root/content-repo" >/dev/null 2>&1
printf 'bench-password\n' | "$tandem" --data "$data" user add bench --role publisher 2>/dev/null

"$tandem" --data "$data" serve --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/access.log" &
server_pid=$!
for _ in $(seq 1 100); do grep -q "serving on" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
base_url="$(sed -n 's/.*serving on \(http:[^ ]*\)\/$/\1/p' "$work/serve.out")"
[ -n "$base_url" ] || { echo "bench/serve: the server did not start" >&2; cat "$work/access.log" >&2; exit 1; }

session="$(curl -s -D "$work/headers" -H 'Content-Type: application/json' \
  -d '{"user":"bench","password":"bench-password"}' "$base_url/api/session")"
cookie="$(sed -n 's/^Set-Cookie: \(tandem_session=[0-9a-f]*\).*/\1/p' "$work/headers" | tr -d '\r')"
csrf="$(printf '%s' "$session" | sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p')"
id="trp-limits-to-protection"
mkdir -p "$work/static"
curl -s -H "Cookie: $cookie" "$base_url/api/resources/$id" >"$work/static/resource.json"
bytes="$(wc -c <"$work/static/resource.json")"

cat >"$work/cookie.lua" <<LUA
wrk.headers["Cookie"] = "$cookie"
LUA

# "Requests/sec" and the 99th percentile (in ms) from wrk --latency's output.
run_wrk() {
  local url="$1" out
  out="$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$work/cookie.lua" "$url")"
  local rps p99 errors
  rps="$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')"
  p99="$(printf '%s\n' "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')"
  errors="$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $5}')"
  printf '%s %s %s\n' "$rps" "$p99" "${errors:-0}"
}

echo "tandem serve, GET /api/resources/$id ($bytes bytes), wrk -t$threads -c$connections -d${seconds}s"
read -r rps p99 errors < <(run_wrk "$base_url/api/resources/$id")
echo "reads alone:          $rps requests/s, p99 $p99 ms, non-2xx $errors"

writers="anti-trafficking-network,awareness-raising-and-policy,legislative-amendment-faq,legislative-amendment-proposal,order-form,protecting-trafficked-persons,take-action,trafficking-resources-database"
port="${base_url##*:}"
# Reads while the 8 writers save: back to back (each saves again as soon as
# its last save returns), then paced (each saves once every WRITE_INTERVAL_MS,
# an editor's autosave), so both the worst case and the everyday one are on record.
reads_with_writers() {
  local interval="$1" label="$2"
  "$writers_bin" --port "$port" --cookie "$cookie" --csrf "$csrf" --ids "$writers" --seconds "$((seconds + 1))" \
    --interval-ms "$interval" >"$work/writers.out" &
  local writers_pid=$!
  sleep 0.5
  read -r rps_w p99_w errors_w < <(run_wrk "$base_url/api/resources/$id")
  wait "$writers_pid" || echo "bench/serve: some saves failed" >&2
  read -r saved conflicts failed save_p50 save_p99 <"$work/writers.out"
  echo "reads with 8 writers, $label: $rps_w requests/s, p99 $p99_w ms, non-2xx $errors_w; $saved saves committed meanwhile (save p50 $save_p50 ms, p99 $save_p99 ms; $conflicts conflicts, $failed failed)"
}
reads_with_writers 0 "back to back"
reads_with_writers "${WRITE_INTERVAL_MS:-1000}" "each every ${WRITE_INTERVAL_MS:-1000} ms"

nginx_port=$((20000 + RANDOM % 20000))
cat >"$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx.error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/static;
    location / { default_type application/json; }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$nginx_port/resource.json" && break; sleep 0.1; done
read -r rps_n p99_n errors_n < <(run_wrk "http://127.0.0.1:$nginx_port/resource.json")
echo "nginx, same bytes:    $rps_n requests/s, p99 $p99_n ms, non-2xx $errors_n"
echo "access log: $(wc -l <"$work/access.log") lines"
