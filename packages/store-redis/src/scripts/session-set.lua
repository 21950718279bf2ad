-- Compare-and-set write of one session, with a sliding expiry.
--
-- KEYS[1]  the session hash (fields: version, data, expiresAt)
-- ARGV[1]  the version the write was based on (0: the session must not exist yet)
-- ARGV[2]  time to live in ms (an integer); every write restarts it
-- ARGV[3]  the session data, as JSON
--
-- Returns { 'ok', version, expiresAt } or { 'conflict', actualVersion or '' }, as strings. The time comes
-- from Redis, so expiresAt agrees with the key's own expiry whatever the app servers' clocks say.
local current = redis.call('HGET', KEYS[1], 'version')
local actual = 0
if current then actual = tonumber(current) end
if actual ~= tonumber(ARGV[1]) then
  return { 'conflict', current or '' }
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[2])
local version = tostring(actual + 1)
local expiresAt = string.format('%d', now + ttl)

redis.call('HSET', KEYS[1], 'version', version, 'data', ARGV[3], 'expiresAt', expiresAt)
redis.call('PEXPIRE', KEYS[1], ttl)
return { 'ok', version, expiresAt }
