-- Extends the holder's lease, if the caller still holds the lock.
--
-- KEYS[1] holder (hash ticket, token, expiresAt)
-- ARGV[1] the caller's fencing token   ARGV[2] lease ms
--
-- Returns 1 when renewed, 0 when the lease was already lost (expired, or granted to someone else).
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local holder = redis.call('HMGET', KEYS[1], 'token', 'expiresAt')
if holder[1] ~= ARGV[1] or tonumber(holder[2]) <= now then
  return 0
end
local leaseMs = tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'expiresAt', string.format('%d', now + leaseMs))
redis.call('PEXPIRE', KEYS[1], leaseMs)
return 1
