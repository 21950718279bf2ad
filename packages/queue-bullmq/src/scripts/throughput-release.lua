--[[
  Records that a granted send finished (answered, failed or gave up): it keeps counting against the limit
  for one more window from now.

  KEYS[1]  finished sends (sorted set)
  KEYS[2]  sends in flight (sorted set)
  ARGV[1]  the send's member
  ARGV[2]  window length in milliseconds
]]
if redis.call('ZREM', KEYS[2], ARGV[1]) == 0 then return 0 end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + 1000)
return 1
