-- wrk script of bench/load.py: connection n (one per thread) sends line n of the users file,
-- "cookie<TAB>path", on every request; responses other than 200 are counted and printed at the end.
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("idx", counter)
  table.insert(threads, thread)
end
function init(args)
  local n = 0
  for line in io.lines(args[1]) do
    n = n + 1
    if n == idx then
      local tab = string.find(line, "\t")
      cookie = string.sub(line, 1, tab - 1)
      path = string.sub(line, tab + 1)
    end
  end
  bad = 0
  req = wrk.format("GET", path, {["Cookie"] = cookie})
end
function request() return req end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  io.write(string.format("BENCH bad=%d requests=%d\n", b, summary.requests))
end
