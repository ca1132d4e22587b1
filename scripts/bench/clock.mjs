// A scaled clock for the budget benchmark, so that minutes of an account's per-minute budget pass
// in seconds. Imported by the bench's server and workers, it does nothing unless
// BENCH_CLOCK_SCALE is set; then, in that process, `Date.now()` runs SCALE times faster than the
// real clock from the instant BENCH_CLOCK_EPOCH (real ms, the same in every process of one run, so
// their clocks agree) and `setTimeout` waits 1/SCALE of the time it is given. The SDK's limiter
// and retries read `Date.now()` and wait with `setTimeout`, so they run on this clock unchanged;
// network round trips and CPU are real time, so they weigh SCALE times more than in real life.
const scale = Number(process.env.BENCH_CLOCK_SCALE ?? 1);
const epoch = Number(process.env.BENCH_CLOCK_EPOCH ?? 0);
export const SCALE = Number.isFinite(scale) && scale > 0 ? scale : 1;

if (SCALE !== 1) {
  const realNow = Date.now.bind(Date);
  const realSetTimeout = globalThis.setTimeout;
  Date.now = () => Math.floor(epoch + (realNow() - epoch) * SCALE);
  globalThis.setTimeout = /** @type {typeof setTimeout} */ (
    /** @type {unknown} */ (
      (/** @type {(...args: unknown[]) => void} */ fn, /** @type {number | undefined} */ ms, /** @type {unknown[]} */ ...args) =>
        realSetTimeout(fn, Math.max(0, Number(ms) || 0) / SCALE, ...args)
    )
  );
}
