-- bench/run: requests whose every answer is checked (status, and optionally one header).
-- Environment:
--   KEY            x-api-key value
--   METHOD, TARGET request line (TARGET already URL-encoded)
--   BODY_FILE      request body (JSON); in MODE=fresh every "__TAXID__" in it is replaced
--   MODE           "fresh": a new Idempotency-Key and a new businessInfo.taxId per request
--                  "replay": the same Idempotency-Key (IDEM_KEY) on every request
--                  anything else: the same request every time
--   RUN_ID         makes fresh idempotency keys unique across runs
--   TAX_BASE       first tax id number (9 digits: NN-NNNNNNN); each thread gets its own block
--   EXPECT_STATUS  the status every answer must have
--   EXPECT_HEADER  optional "name: value" every answer must carry (name case-insensitive)
-- done() prints one line: "CHECKED expected=N unexpected=M statuses=CODE:COUNT,..."
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

local mode, method, target, key, body_head, body_tail, body
local expect_status, expect_name, expect_value
local n, tax_next

function init(args)
  mode = os.getenv("MODE") or ""
  method = os.getenv("METHOD") or "GET"
  target = os.getenv("TARGET")
  key = os.getenv("KEY")
  local f = os.getenv("BODY_FILE")
  if f and f ~= "" then
    local h = assert(io.open(f, "rb")); body = h:read("*a"); h:close()
    local s, e = body:find("__TAXID__", 1, true)
    if s then body_head = body:sub(1, s - 1); body_tail = body:sub(e + 1) end
  end
  expect_status = tonumber(os.getenv("EXPECT_STATUS") or "200")
  local eh = os.getenv("EXPECT_HEADER")
  if eh and eh ~= "" then
    local name, value = eh:match("^%s*([^:]+):%s*(.-)%s*$")
    expect_name, expect_value = name:lower(), value
  end
  n = 0
  tax_next = tonumber(os.getenv("TAX_BASE") or "100000000") + (tid - 1) * 10000000
  expected, unexpected, statuses = 0, 0, {}
end

function request()
  n = n + 1
  local headers = { ["x-api-key"] = key }
  local b = body
  if body then headers["Content-Type"] = "application/json" end
  if mode == "fresh" then
    headers["Idempotency-Key"] = "bench-" .. (os.getenv("RUN_ID") or "0") .. "-" .. tid .. "-" .. n
    local t = tax_next + n
    local tax = string.format("%02d-%07d", math.floor(t / 10000000) % 100, t % 10000000)
    if body_head then b = body_head .. tax .. body_tail end
  elseif mode == "replay" then
    headers["Idempotency-Key"] = os.getenv("IDEM_KEY")
  end
  return wrk.format(method, target, headers, b)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local ok = status == expect_status
  if ok and expect_name then
    local found = false
    for k, v in pairs(headers) do
      if k:lower() == expect_name and v == expect_value then found = true end
    end
    ok = found
  end
  if ok then expected = expected + 1 else unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local e, u, all = 0, 0, {}
  for _, t in ipairs(threads) do
    e = e + t:get("expected")
    u = u + t:get("unexpected")
    for code, c in pairs(t:get("statuses")) do all[code] = (all[code] or 0) + c end
  end
  local parts = {}
  for code, c in pairs(all) do table.insert(parts, code .. ":" .. c) end
  table.sort(parts)
  io.write(string.format("CHECKED expected=%d unexpected=%d statuses=%s\n", e, u, table.concat(parts, ",")))
end
