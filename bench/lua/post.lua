-- POST /v2/webhooks/endpoints; with IDEMPOTENT=1 each request carries a fresh idempotency key.
local counter = 0
local idempotent = os.getenv("IDEMPOTENT") == "1"
local key = os.getenv("KEY")
local body = '{"url":"https://example.com/bench"}'
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end
function request()
  counter = counter + 1
  local headers = { ["x-api-key"] = key, ["Content-Type"] = "application/json" }
  if idempotent then headers["idempotency-key"] = "bench-" .. tid .. "-" .. counter .. "-" .. math.random(1, 1e9) end
  return wrk.format("POST", "/v2/webhooks/endpoints", headers, body)
end
