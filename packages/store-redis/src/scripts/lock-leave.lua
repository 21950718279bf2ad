-- Takes a waiter that gave up out of the queue, so the waiters behind it need not wait for its beat to run
-- out.
--
-- KEYS[1] queue (zset)   KEYS[2] beats (hash)
-- ARGV[1] the waiter's ticket
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
