-- One attempt to take a conversation's lock, first come first served.
--
-- KEYS[1] next (ticket counter)   KEYS[2] queue (zset ticket -> ticket)   KEYS[3] beats (hash ticket -> ms)
-- KEYS[4] holder (hash ticket, token, expiresAt)   KEYS[5] fence (last fencing token)
-- ARGV[1] the caller's ticket, or '0' to take one   ARGV[2] lease ms   ARGV[3] waiter lease ms
-- ARGV[4] idle ttl ms: how long the conversation's keys outlive the last call
--
-- Returns { 'granted', ticket, fencingToken }, { 'waiting', ticket }, or { 'lost', ticket } when the
-- caller's ticket was dropped because it stopped polling for longer than its waiter lease.
--
-- Each waiter takes a ticket (INCR) and polls with it; the lock goes to the lowest live ticket once the
-- holder is gone or its lease ran out. Every poll renews the waiter's beat, so a waiter that died or gave
-- up without leaving is skipped once its beat runs out instead of blocking the queue.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local leaseMs = tonumber(ARGV[2])
local waiterLeaseMs = tonumber(ARGV[3])
local idleTtlMs = tonumber(ARGV[4])

local ticket = ARGV[1]
if ticket == '0' then
  ticket = tostring(redis.call('INCR', KEYS[1]))
  redis.call('ZADD', KEYS[2], ticket, ticket)
elseif not redis.call('ZSCORE', KEYS[2], ticket) then
  return { 'lost', ticket }
end
redis.call('HSET', KEYS[3], ticket, string.format('%d', now + waiterLeaseMs))

local result = { 'waiting', ticket }
local holderExpiresAt = redis.call('HGET', KEYS[4], 'expiresAt')
if not holderExpiresAt or tonumber(holderExpiresAt) <= now then
  -- Skip waiters at the head that stopped polling (crashed, or gave up and could not say so).
  local head = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
  while head do
    local beat = redis.call('HGET', KEYS[3], head)
    if beat and tonumber(beat) > now then
      break
    end
    redis.call('ZREM', KEYS[2], head)
    redis.call('HDEL', KEYS[3], head)
    head = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
  end
  if head == ticket then
    -- Fencing tokens never go back, even when the conversation's keys expired while it was idle: the
    -- floor is Redis' time in microseconds, which has moved on since any earlier token was handed out.
    local last = tonumber(redis.call('GET', KEYS[5]) or '0')
    local token = string.format('%d', math.max(last + 1, now * 1000))
    redis.call('SET', KEYS[5], token)
    redis.call('DEL', KEYS[4])
    redis.call('HSET', KEYS[4], 'ticket', ticket, 'token', token, 'expiresAt', string.format('%d', now + leaseMs))
    redis.call('PEXPIRE', KEYS[4], leaseMs)
    redis.call('ZREM', KEYS[2], ticket)
    redis.call('HDEL', KEYS[3], ticket)
    result = { 'granted', ticket, token }
  end
end

-- The bookkeeping keys go away together once the conversation has been quiet for a while.
redis.call('PEXPIRE', KEYS[1], idleTtlMs)
redis.call('PEXPIRE', KEYS[2], idleTtlMs)
redis.call('PEXPIRE', KEYS[3], idleTtlMs)
redis.call('PEXPIRE', KEYS[5], idleTtlMs)
return result
