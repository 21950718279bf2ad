-- Gives the lock back, if the caller still holds it: a holder whose lease ran out must not release the
-- lock of the holder after it.
--
-- KEYS[1] holder (hash ticket, token, expiresAt)
-- ARGV[1] the caller's fencing token
--
-- Returns 1 when released, 0 when the caller no longer held the lock.
if redis.call('HGET', KEYS[1], 'token') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
