-- The mixed workload of scripts/load_test.py for wrk: each request picks an endpoint kind by
-- weight, then one of that kind's prepared paths (percent-encoded by the Python script, which
-- writes them to the Lua file named by CCNT_LOAD_DATA). Per-thread status counts are summed in
-- done() and printed as one JSON line after "LOADJSON ".

local data = dofile(os.getenv("CCNT_LOAD_DATA"))
local kinds, total = {}, 0
for _, kind in ipairs(data.mix) do
  total = total + kind.weight
  table.insert(kinds, {name = kind.name, upto = total, paths = data.paths[kind.name]})
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + #threads * 7919 + math.floor(os.clock() * 1000003))
  statuses = {}
end

function request()
  local r = math.random() * total
  for _, kind in ipairs(kinds) do
    if r <= kind.upto then
      return wrk.format("GET", kind.paths[math.random(#kind.paths)])
    end
  end
  return wrk.format("GET", kinds[1].paths[1])
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses") or {}
    for code, n in pairs(s) do counts[code] = (counts[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(counts) do table.insert(parts, string.format('"%s": %d', code, n)) end
  local e = summary.errors
  io.write(string.format(
    'LOADJSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_ms": {"p50": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f, "mean": %.2f}, "statuses": {%s}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000, table.concat(parts, ", ")))
end
