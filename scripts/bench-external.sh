#!/usr/bin/env bash
# Benchmark: `stele check --external` against local HTTP servers on
# 127.0.0.1 (never the internet) that answer after a fixed delay, to see
# what the per-host limit and the cache do. One site, one article per
# 100 links; 1% of the URLs answer 404.
#
# usage: scripts/bench-external.sh [URLS] [HOSTS] [DELAY_MS]
#   URLS      distinct URLs (default 2000)
#   HOSTS     servers, one port each (default 4)
#   DELAY_MS  latency of every answer (default 20)
# env: BENCH_DIR  where the site is written (default /tmp/stele-bench-external)
#      STELE      the stele binary (default: a release build of this repository)
set -euo pipefail

urls=${1:-2000}
hosts=${2:-4}
delay=${3:-20}
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/stele-bench-external}
if [ -z "${STELE:-}" ]; then
  cargo build --release --quiet --manifest-path "$here/Cargo.toml"
  STELE=$here/target/release/stele
fi

server=$(mktemp)
cat >"$server" <<'EOF'
import sys, time, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
delay = int(sys.argv[1]) / 1000
class H(BaseHTTPRequestHandler):
    def do_HEAD(self):
        time.sleep(delay)
        self.send_response(404 if self.path.endswith("/bad") else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    do_GET = do_HEAD
    def log_message(self, *a):
        pass
class S(ThreadingHTTPServer):
    request_queue_size = 256
    daemon_threads = True
for port in sys.argv[2:]:
    s = S(("127.0.0.1", int(port)), H)
    threading.Thread(target=s.serve_forever, daemon=True).start()
print("ready", flush=True)
while True:
    time.sleep(3600)
EOF
base=$((20000 + RANDOM % 20000))
ports=$(seq "$base" $((base + hosts - 1)))
python3 "$server" "$delay" $ports >"$server.out" &
pid=$!
trap 'kill $pid; rm -f "$server" "$server.out" "$server.time"' EXIT
for _ in $(seq 50); do grep -q ready "$server.out" 2>/dev/null && break; sleep 0.1; done

rm -rf "$dir" && mkdir -p "$dir/content/en-US"
python3 - "$dir" "$urls" "$base" "$hosts" <<'EOF'
import sys
d, n, base, hosts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for a in range(0, n, 100):
    lines = ["---", f"title: Page {a}", "---", f"# Page {a}", ""]
    for i in range(a, min(a + 100, n)):
        suffix = "bad" if i % 100 == 0 else "ok"
        lines.append(f"- [link {i}](http://127.0.0.1:{base + i % hosts}/{i}/{suffix})")
    open(f"{d}/content/en-US/page{a}.md", "w").write("\n".join(lines) + "\n")
EOF

run() {
  local label=$1 toml=$2
  printf '[check.external]\n%b' "$toml" >"$dir/stele.toml"
  /usr/bin/time -f '%e' -o "$server.time" "$STELE" check "$dir" --external --format json >/dev/null 2>&1 || true
  printf '%-32s %6ss\n' "$label" "$(tail -1 "$server.time")"
}

echo "$urls URLs on $hosts hosts, ${delay}ms per answer"
run "max_per_host = 1, no cache" "max_per_host = 1\ncache_ttl = '0s'\n"
run "max_per_host = 4, no cache" "max_per_host = 4\ncache_ttl = '0s'\n"
run "max_per_host = 8, no cache" "max_per_host = 8\nmax_concurrency = 32\ncache_ttl = '0s'\n"
rm -rf "$dir/.stele"
run "default, cold cache" ""
run "default, warm cache" ""
