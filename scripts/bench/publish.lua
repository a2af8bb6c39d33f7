-- POST /api/articles as many authors. Each request carries the next token of the file BENCH_TOKENS
-- (one a line) and tags of that author's own (a<n>-x, a<n>-y for the author on line n), with a title
-- no other request has, so concurrent requests meet on no author row and no tag row. Every thread
-- takes its own share of the authors in turn (thread k of BENCH_THREADS: lines k+1, k+1+threads, ...),
-- so two threads never send the same author at the same time. BENCH_RUN, a label, keeps titles (and so
-- slugs) unique across runs. Prints the same RESULT line as report.lua.
local threads_started = 0

-- Runs in wrk's main state, once for each thread before it starts: numbers the threads.
function setup(thread)
  thread:set("thread_number", threads_started)
  threads_started = threads_started + 1
end

local tokens = {}
local next_line = 1
local step = 1
local sent = 0
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local headers = {
  ["Accept"] = "application/json",
  ["Content-Type"] = "application/json",
}

function init(args)
  local file = assert(io.open(assert(os.getenv("BENCH_TOKENS"), "BENCH_TOKENS is not set"), "r"))
  for line in file:lines() do
    if line ~= "" then
      tokens[#tokens + 1] = line
    end
  end
  file:close()
  assert(#tokens > 0, "no tokens in BENCH_TOKENS")
  local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
  -- With fewer authors than threads, threads share them (still in turn).
  if #tokens >= threads then
    step = threads
  end
  next_line = thread_number % #tokens + 1
end

function request()
  local line = next_line
  next_line = (next_line - 1 + step) % #tokens + 1
  sent = sent + 1
  headers["Authorization"] = "Token " .. tokens[line]
  local body = string.format(
    '{"article":{"title":"Publish %s %d-%d","description":"Written under load",'
      .. '"body":"Body text of the benchmark post.","tagList":["a%d-x","a%d-y"]}}',
    run, thread_number, sent, line, line)
  return wrk.format("POST", wrk.path, headers, body)
end

-- The machine-readable result line at the end (result.lua, beside this file).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result.lua")
