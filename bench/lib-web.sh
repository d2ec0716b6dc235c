# Shared by the web benchmarks (sourced by web-dashboard.sh and trust.sh):
# wrk on one path with a report of its latency percentiles, and the CPU
# time the server logged for each request. They use W (the run's work
# directory), URL, COOKIE and DURATION, and the server's access log in
# $W/serve.log.

# wrk's report: "p50 p99 requests/s errors", times in ms.
cat >"$W/report.lua" <<'LUA'
function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout
  io.write(string.format("%.2f %.2f %.0f %d\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6), bad))
end
LUA

# wrk GETs PATH on CONNS connections (one thread): "p50 p99 requests/s errors".
measure() {
  local path=$1 conns=$2
  wrk -t1 -c"$conns" -d"$DURATION" --timeout 10s --latency -H "Cookie: $COOKIE" \
    -s "$W/report.lua" "$URL$path" | tail -1
}

# The median and 99th percentile of the CPU time the server logged (ms).
cpu_times() {
  grep -ao 'cpu [0-9.]*ms' "$W/serve.log" | sed 's/cpu //; s/ms//' | sort -n |
    awk '{ v[NR] = $1 }
      END { if (!NR) { print "- -"; exit } i = int(NR * 0.99 + 0.5); if (i < 1) i = 1
            printf "%.2f %.2f\n", v[int((NR + 1) / 2)], v[i] }'
}
