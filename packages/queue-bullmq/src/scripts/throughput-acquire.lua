--[[
  Grants one send now, or says how many milliseconds to wait before asking again.

  A send counts against the limit from the moment it is granted until one window after it finished: the
  provider sees the request at some moment between the two, so only then can no window of the provider's
  hold it together with a send granted later. Sends in flight are kept in KEYS[2] (scored by their grant
  time); finished ones in KEYS[1] (scored by the time they finished) until they leave the window. A send is
  granted when in-flight plus recently finished sends number fewer than `max`. This bounds every window of
  `window` milliseconds, sliding, not only aligned ones, whatever the latency.

  KEYS[1]  finished sends (sorted set: member -> finish time, ms)
  KEYS[2]  sends in flight (sorted set: member -> grant time, ms)
  KEYS[3]  the block key: epoch milliseconds before which nothing may be sent (set after a 429)
  ARGV[1]  max sends per window
  ARGV[2]  window length in milliseconds
  ARGV[3]  a member unique to this send
  ARGV[4]  after how many milliseconds a send still in flight is taken to have finished (its worker died)
  ARGV[5]  how long to wait when the in-flight sends alone fill the limit
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])

-- A worker that died mid-send never reports the end; count its send as finished now.
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[4]))
for _, member in ipairs(stale) do
  redis.call('ZREM', KEYS[2], member)
  redis.call('ZADD', KEYS[1], now, member)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)

local blockedUntil = tonumber(redis.call('GET', KEYS[3]) or '0')
if blockedUntil > now then return blockedUntil - now end

local budget = max - redis.call('ZCARD', KEYS[2])
if budget <= 0 then return tonumber(ARGV[5]) end
local finished = redis.call('ZCARD', KEYS[1])
if finished >= budget then
  -- Enough finished sends must leave the window: the one at this rank leaves it last.
  local edge = redis.call('ZRANGE', KEYS[1], finished - budget, finished - budget, 'WITHSCORES')
  return math.max(1, tonumber(edge[2]) + window - now)
end

redis.call('ZADD', KEYS[2], now, ARGV[3])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]) + window)
return 0
