// @ts-check
// Rate limits: the client keeps under a budget of its own (rateLimit), waits out a 429's
// retry_after (up to maxRetryAfter seconds, maxRetries times), and exposes the last headers.
import { RateLimitError } from '@omnidesk-openapi/client';
import { clientFromEnv } from './env.mjs';

const omnidesk = clientFromEnv({
  rateLimit: { perMinute: 30, perHour: 450 }, // this process's share of the account's budget
  maxRetries: 3,
  maxRetryAfter: 30, // a longer wait fails at once with RateLimitError
  logger: { debug: (message, data) => console.log(message, data) },
});

try {
  const { total } = await omnidesk.cases.list({ limit: 1 });
  console.log(`${total} cases; rate limit now:`, omnidesk.rateLimit);
} catch (error) {
  if (error instanceof RateLimitError) {
    console.error(`over the limit: retry in ${error.retryAfter ?? '?'} s; calls left ${error.rateLimit?.callsLeft ?? '?'}`);
    process.exitCode = 1;
  } else throw error;
}
