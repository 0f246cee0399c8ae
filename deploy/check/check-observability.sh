#!/usr/bin/env bash
# Checks deploy/'s observability files against the real thing, without Grafana: starts
# `chipwatch demo` on free ports with one unreachable feed added (so failure metrics carry data),
# runs Debian's Prometheus against it with a config derived from deploy/prometheus, runs promtool on
# config and rules, then runs every PromQL expression of the dashboards and rules
# (deploy/check/promql_check.py). Exits non-zero on the first thing that does not hold.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
deploy="$root/deploy"
started=$(date +%s)
say() { echo "check-observability: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

# Debian's packages only: the check never downloads a Prometheus build of its own.
ensure_tools() {
  local missing=()
  command -v prometheus >/dev/null && command -v promtool >/dev/null || missing+=(prometheus)
  /usr/bin/python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || fail "needs the Debian packages ${missing[*]} (apt-get install -y ${missing[*]}, as root)"
  say "installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true
    apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
      || fail "cannot install ${missing[*]} with apt-get; this check does not download Prometheus any other way"
  fi
  command -v prometheus >/dev/null && command -v promtool >/dev/null && /usr/bin/python3 -c 'import yaml' \
    || fail "${missing[*]} installed but prometheus, promtool or python3-yaml still missing"
}

free_ports() {
  /usr/bin/python3 - "$1" <<'PY'
import socket, sys
sockets = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))
PY
}

wait_for() { # seconds, description, command...
  local deadline=$(( $(date +%s) + $1 )) what="$2"
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 1
  done
  say "$what"
}

ensure_tools
say "$(prometheus --version 2>&1 | head -1)"

work="$(mktemp -d /tmp/chipwatch-obs-check.XXXXXX)"
demo_pid="" prom_pid=""
cleanup() {
  local rc=$?
  for pid in $prom_pid $demo_pid; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $prom_pid $demo_pid; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ $rc -ne 0 ]; then
    say "logs kept in $work (demo.err, prometheus.log)"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

read -r metrics_port prom_port dead_port < <(free_ports 3)

# The unreachable feed makes the failure panels and the feeds-failing rule show data, as in real life.
cat > "$work/chipwatch.yaml" <<YAML
ingest:
  feeds:
    - id: check-unreachable
      url: http://127.0.0.1:$dead_port/feed.xml
      intervalSeconds: 60
YAML


# The deployed config with the demo as its only target, scraped and evaluated every 2 s.
/usr/bin/python3 - "$deploy/prometheus/prometheus.yml" "$work/prometheus.yml" "127.0.0.1:$metrics_port" \
  "$deploy/prometheus/rules" <<'PY'
import json, sys, yaml
source, target, address, rules = sys.argv[1:]
config = yaml.safe_load(open(source))
config["global"]["scrape_interval"] = "2s"
config["global"]["evaluation_interval"] = "2s"
config["rule_files"] = [rules + "/*.yml"]
jobs = config["scrape_configs"]
if not jobs:
    sys.exit("no scrape_configs in " + source)
for job in jobs:
    job["static_configs"] = [{"targets": [address]}]
json.dump(config, open(target, "w"), indent=2)  # JSON is YAML
PY

promtool check config --syntax-only "$deploy/prometheus/prometheus.yml" || fail "promtool check config (deploy/prometheus/prometheus.yml)"
promtool check config "$work/prometheus.yml" || fail "promtool check config (derived config with the rules)"
promtool check rules "$deploy"/prometheus/rules/*.yml || fail "promtool check rules"

prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prometheus-data" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
prom_pid=$!
prom="http://127.0.0.1:$prom_port"
wait_for 60 "prometheus is ready on 127.0.0.1:$prom_port" curl -fsS "$prom/-/ready" \
  || fail "prometheus did not become ready (see $work/prometheus.log)"

has() { # true when the instant query returns a sample
  curl -fsS --get "$prom/api/v1/query" --data-urlencode "query=$1" \
    | /usr/bin/python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["data"]["result"] else 1)'
}
# Prometheus scrapes the demo's port before the demo starts (its first scrape comes seconds after
# start-up), so the counters' first increments, right after the services start, are in the data.
wait_for 30 "prometheus scrapes the (not yet started) demo's port" has 'up{job="chipwatch"}' \
  || fail "prometheus did not start scraping (see $work/prometheus.log)"

say "starting chipwatch demo (metrics on 127.0.0.1:$metrics_port)"
./chipwatch demo --config "$work/chipwatch.yaml" --data-dir "$work/data" --metrics-port "$metrics_port" \
  --set kafka.embedded.port=0 --set kafka.embedded.controllerPort=0 >"$work/demo.out" 2>"$work/demo.err" &
demo_pid=$!
# the launcher builds when sources changed; allow for that before the metrics endpoint answers
wait_for 240 "demo metrics endpoint is up" curl -fsS "http://127.0.0.1:$metrics_port/metrics" \
  || fail "the demo's metrics endpoint did not answer (see $work/demo.err)"
# expressions are judged from the first successful scrape on: before it the target was down by design
prom_since=$(( $(date +%s) + 3 ))

wait_for 150 "demo services all running" curl -fsS "http://127.0.0.1:$metrics_port/health" \
  || fail "the demo did not become healthy (see $work/demo.err)"
wait_for 180 "alerts delivered and the unreachable feed counted as failing" \
  has 'sum(chipwatch_notifications_sent_total) >= 6 and on() sum(chipwatch_feeds_failing) > 0' \
  || fail "the demo's alerts were not delivered or the unreachable feed not counted (see $work/demo.err)"
wait_for 60 "at least 10 successful scrapes" has 'sum_over_time(up[10m]) >= 10' \
  || fail "prometheus did not scrape the demo 10 times"
sleep 6 # let every range expression see the latest samples and the rules evaluate twice more

# Every role's own Kafka clients must be bound next to Kafka Streams' (they share meter names)
for service in ingest enrich alerts; do
  for metric in kafka_producer_record_send_total kafka_consumer_fetch_manager_records_lag_max; do
    has "$metric{service=\"$service\"}" || fail "no $metric for service $service: its Kafka clients are not bound"
  done
done
say "Kafka producer and consumer metrics present for ingest, enrich and alerts"

/usr/bin/python3 "$deploy/check/promql_check.py" "$prom" "$deploy" "$prom_since" || fail "PromQL expressions (above)"
say "passed in $(( $(date +%s) - started )) s"
