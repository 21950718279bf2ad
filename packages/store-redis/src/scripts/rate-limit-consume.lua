-- The token buckets of one rate-limit decision, checked and debited atomically: every bucket is checked,
-- and either all are debited or none is.
--
-- KEYS[i]       bucket i, a string '<tokens> <ts>'; an absent bucket is a full one
-- ARGV[1]       the cost of the request, in tokens
-- ARGV[2i]      the capacity of bucket i
-- ARGV[2i + 1]  the refill of bucket i, in tokens per second
--
-- Returns strings only, because Redis truncates a Lua number in a reply to an integer and tokens are
-- fractional; '%.17g' round-trips a double exactly:
-- { allowed ('1' or '0'), refused (1-based index of the first bucket that was short, '0' when allowed),
--   retryAfterMs ('inf' when the request can never pass), now (Redis time, ms), tokens of bucket 1, … n }
--
-- Time is Redis' own (TIME, allowed before writes since scripts replicate their effects), so app servers
-- whose clocks disagree still share one timeline. It is whole milliseconds, like core's Clock.
--
-- A bucket is one string read by a single MGET for all buckets and written by one SET … PX each (rather
-- than a hash with HMGET, HSET and PEXPIRE): every decision is then 2 + n Redis calls instead of 1 + 3n,
-- which is most of the script's cost.
--
-- The arithmetic is core's `resilience/token-bucket.ts`, operation for operation, so both give the same
-- float64 results: refill `tokens + (elapsed * refill) / 1000` capped at the capacity, a cost is payable
-- within EPSILON, a wait is rounded up to whole ms, and `updatedAt` never moves backwards.

local EPSILON = 1e-9

local function exact(x)
  return string.format('%.17g', x)
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local cost = tonumber(ARGV[1])
local count = #KEYS
local tokens = {}
local updatedAt = {}
local stored = redis.call('MGET', unpack(KEYS))
local refused = 0
local retryAfter = 0

for i = 1, count do
  local capacity = tonumber(ARGV[2 * i])
  local refill = tonumber(ARGV[2 * i + 1])
  local available = capacity
  updatedAt[i] = now
  local state = stored[i]
  if state then
    local space = string.find(state, ' ', 1, true)
    local kept = tonumber(string.sub(state, 1, space - 1))
    updatedAt[i] = tonumber(string.sub(state, space + 1))
    -- A clock that went back (a failover to a replica) refills nothing.
    local elapsed = now - updatedAt[i]
    local refilled = kept
    if elapsed > 0 then
      refilled = kept + (elapsed * refill) / 1000
    end
    if refilled < capacity then
      available = refilled
    else
      available = capacity
    end
  end
  tokens[i] = available
  if available < cost - EPSILON then
    if refused == 0 then
      refused = i
    end
    local wait
    if cost > capacity + EPSILON or refill == 0 then
      wait = math.huge
    else
      wait = math.ceil(((cost - available) * 1000) / refill)
    end
    if wait > retryAfter then
      retryAfter = wait
    end
  end
end

if refused == 0 then
  for i = 1, count do
    local capacity = tonumber(ARGV[2 * i])
    local refill = tonumber(ARGV[2 * i + 1])
    local left = 0
    if tokens[i] > cost then
      left = tokens[i] - cost
    end
    tokens[i] = left
    local since = math.max(now, updatedAt[i])
    local value = exact(left) .. ' ' .. string.format('%d', since)
    -- Once full again the bucket reads the same as an absent one, so it can go then.
    if refill > 0 then
      local untilFull = math.ceil(((capacity - left) * 1000) / refill) + (since - now)
      redis.call('SET', KEYS[i], value, 'PX', string.format('%d', math.max(1, untilFull)))
    else
      redis.call('SET', KEYS[i], value)
    end
  end
end

local reply = { refused == 0 and '1' or '0', tostring(refused) }
if retryAfter == math.huge then
  reply[3] = 'inf'
else
  reply[3] = string.format('%d', retryAfter)
end
reply[4] = string.format('%d', now)
for i = 1, count do
  reply[4 + i] = exact(tokens[i])
end
return reply
