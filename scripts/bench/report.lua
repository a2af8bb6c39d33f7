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

-- The machine-readable result line at the end (result.lua, beside this file).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result.lua")
