// A RateLimitStore on Redis: the limiter's rules (packages/client/src/rate-limit.ts, memoryStore)
// run as one Lua script, so each take or learn is atomic across every process on the same key.
import { createHash } from 'node:crypto';

/**
 * KEYS[1]: a hash (seq, learned, left, since, until, pause); KEYS[2]: a sorted set of the spends in a
 * window, scored by time, members "seq:cost", "seq:cost:left" once answered (`x` for a 429).
 * take:  ARGV = 'take', now, cost, perMinute|'', perHour|''  -> {wait, seq}
 * learn: ARGV = 'learn', now, seq, limited 1|0, callsLeft|'', perMinute|'', retryAfter|'' -> 0
 */
export const SCRIPT = `
local h, z = KEYS[1], KEYS[2]
local now = tonumber(ARGV[2])
local function num(field) return tonumber(redis.call('HGET', h, field)) end
local function seqOf(member) return tonumber(string.match(member, '^(%d+):')) end
local function costOf(member) return tonumber(string.match(member, '^%d+:(%d+)')) end
-- The calls left the member's answer said: nil before its answer, math.huge for a 429 ('x').
local function seenOf(member)
  local seen = string.match(member, '^%d+:%d+:(.+)$')
  if seen == 'x' then return math.huge end
  return tonumber(seen)
end
if ARGV[1] == 'take' then
  local cost = tonumber(ARGV[3])
  local perHour = tonumber(ARGV[5])
  local manual = tonumber(ARGV[4])
  local perMinute = manual or num('learned')
  local keep = perHour and 3600000 or 60000
  redis.call('ZREMRANGEBYSCORE', z, '-inf', now - keep)
  local wait = (num('pause') or 0) - now
  local left = num('left') or 0
  local ends = num('until') or 0
  if ends > now and left < cost then wait = math.max(wait, ends - now) end
  -- The learned budget counts the spends of the server's current minute only.
  local from = 0
  if not manual then
    if ends > now then from = num('since') or 0 else from = ends end
  end
  for _, w in ipairs({{60000, perMinute or 0, from}, {3600000, perHour or 0, 0}}) do
    local size, max, start = w[1], w[2], w[3]
    if max > 0 then
      local low = '(' .. (now - size)
      if start > now - size then low = start end
      local inside = redis.call('ZRANGEBYSCORE', z, low, '+inf', 'WITHSCORES')
      local used = 0
      for i = 1, #inside, 2 do used = used + costOf(inside[i]) end
      -- The oldest spends leave the window first: wait until enough have left.
      for i = 1, #inside, 2 do
        if used + cost <= max then break end
        used = used - costOf(inside[i])
        wait = math.max(wait, tonumber(inside[i + 1]) + size - now)
      end
    end
  end
  if wait > 0 then return {wait, 0} end
  local seq = redis.call('HINCRBY', h, 'seq', 1)
  redis.call('ZADD', z, now, seq .. ':' .. cost)
  redis.call('HSET', h, 'left', left - cost)
  redis.call('PEXPIRE', z, keep)
  redis.call('PEXPIRE', h, 86400000)
  return {0, seq}
end
local mine = tonumber(ARGV[3])
local callsLeft, perMinute, retryAfter = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
if perMinute and perMinute > 0 then redis.call('HSET', h, 'learned', perMinute) end
if callsLeft then
  local ends = num('until') or 0
  local nextMinute = ends <= now
  local spends = redis.call('ZRANGE', z, 0, -1, 'WITHSCORES')
  local at, member
  for i = 1, #spends, 2 do
    if seqOf(spends[i]) == mine then at, member = tonumber(spends[i + 1]), spends[i] end
  end
  local begun = ends
  if not nextMinute then begun = num('since') or 0 end
  -- An answer to a call sent before the current minute began counts an older minute: no news.
  if at and at >= begun then
    if nextMinute then redis.call('HSET', h, 'since', ends) end
    -- The server counted the calls that reached it before this one: less the others of this
    -- minute still on their way, or answered with fewer calls left (they came after it).
    local left = callsLeft
    for i = 1, #spends, 2 do
      local seen = seenOf(spends[i])
      if seqOf(spends[i]) ~= mine and tonumber(spends[i + 1]) >= begun and not (seen and seen >= callsLeft) then
        left = left - costOf(spends[i])
      end
    end
    redis.call('HSET', h, 'left', left)
    if nextMinute or retryAfter then redis.call('HSET', h, 'until', now + (retryAfter or 60) * 1000) end
  end
  -- What this answer saw, for the answers still to come ('x': a 429, not counted).
  if member then
    local seen = callsLeft
    if ARGV[4] == '1' then seen = 'x' end
    redis.call('ZREM', z, member)
    redis.call('ZADD', z, at, seqOf(member) .. ':' .. costOf(member) .. ':' .. seen)
  end
end
if ARGV[4] == '1' and retryAfter and retryAfter > 0 then
  redis.call('HSET', h, 'pause', math.max(num('pause') or 0, now + retryAfter * 1000))
end
redis.call('PEXPIRE', h, 86400000)
return 0
`;

const SHA = createHash('sha1').update(SCRIPT).digest('hex');
const arg = (/** @type {unknown} */ value) => (value === undefined || value === null ? '' : String(value));

/** @typedef {import('@omnidesk-openapi/client').RateLimitStore} RateLimitStore */
/** @typedef {{ keys: string[], arguments: string[] }} ScriptOptions */

/**
 * A store for `rateLimit: { store }` of `@omnidesk-openapi/client`: every client given a store on
 * the same Redis and `key` shares one budget, in any process on any machine.
 * @param {{ evalSha(sha1: string, options: ScriptOptions): Promise<unknown>, eval(script: string, options: ScriptOptions): Promise<unknown> }} client
 *   a connected node-redis client (`redis` 4 or later)
 * @param {{ key?: string }} [options] `key`: one per Omnidesk account, `omnidesk` by default
 * @returns {RateLimitStore}
 */
export function redisStore(client, options = {}) {
  if (!client || typeof client.evalSha !== 'function' || typeof client.eval !== 'function') {
    throw new TypeError('redisStore: `client` must be a connected node-redis client (with evalSha and eval)');
  }
  const key = options.key ?? 'omnidesk';
  if (typeof key !== 'string' || key === '') throw new TypeError('redisStore: `key` must be a non-empty string');
  // One hash tag: both keys land on the same Redis Cluster slot.
  const keys = [`ratelimit:{${key}}:state`, `ratelimit:{${key}}:spends`];
  /**
   * Runs the script; answers what it returns (`[wait, seq]` for take).
   * @param {unknown[]} args
   */
  const run = async (args) => {
    const options = { keys, arguments: args.map(arg) };
    try {
      return await client.evalSha(SHA, options);
    } catch (error) {
      // The script is sent whole only once per server (after a restart or SCRIPT FLUSH, again).
      const message = error && typeof error === 'object' && 'message' in error ? String(error.message) : '';
      if (!message.startsWith('NOSCRIPT')) throw error;
      return client.eval(SCRIPT, options);
    }
  };
  return {
    async take({ now, cost, perMinute, perHour }) {
      const [wait, seq] = /** @type {[number, number]} */ (await run(['take', now, cost, perMinute, perHour]));
      return wait > 0 ? { wait: Number(wait) } : { wait: 0, seq: Number(seq) };
    },
    async learn({ now, seq, limited, callsLeft, perMinute, retryAfter }) {
      await run(['learn', now, seq, limited ? 1 : 0, callsLeft, perMinute, retryAfter]);
    },
  };
}
