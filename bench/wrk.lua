-- wrk script for bench/run.py: one wrk thread per web node (BENCH_PORTS, e.g. "8101 8102"), so
-- the connections are split evenly across the cluster; prints the figures as one JSON line.
local ports = {}
for port in string.gmatch(os.getenv("BENCH_PORTS") or "", "%d+") do
  table.insert(ports, port)
end
local started = 0

function setup(thread)
  started = started + 1
  if #ports > 0 then
    thread.addr = wrk.lookup("127.0.0.1", ports[(started - 1) % #ports + 1])[1]
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nBENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"socket_errors": %d, "status_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.timeout, e.status))
end
