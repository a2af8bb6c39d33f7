-- Shared by every benchmark request: optional auth and body from the environment,
-- and one machine-readable result line at the end.
local token = os.getenv("BENCH_TOKEN")
local body = os.getenv("BENCH_BODY")
local method = os.getenv("BENCH_METHOD")

wrk.headers["Accept"] = "application/json"
if token and token ~= "" then
  wrk.headers["Authorization"] = "Token " .. token
end
if method and method ~= "" then
  wrk.method = method
end
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d %.2f\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, latency.max / 1000))
  io.write(string.format("ERRORS connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
