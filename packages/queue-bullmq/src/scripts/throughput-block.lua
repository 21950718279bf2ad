--[[
  Stops every sender for `ms` milliseconds (the provider answered "too many requests" and asked for this
  pause), never shortening a longer pause already in force. Returns how long the block now lasts.

  KEYS[1]  the block key
  ARGV[1]  how long to block, in milliseconds
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ms = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > current then
  redis.call('SET', KEYS[1], now + ms, 'PX', ms)
  return ms
end
return current - now
