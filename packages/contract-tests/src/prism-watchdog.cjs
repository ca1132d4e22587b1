// Preloaded into every Prism this package starts (`node --require prism-watchdog.cjs prism mock`):
// Prism exits by itself as soon as the process that started it is gone, so a test run that
// crashes or is killed (even with SIGKILL, where no teardown runs) leaves no mock server behind.
'use strict';
const parent = Number(process.env.PRISM_WATCHDOG_PARENT);
if (parent > 1) {
  const timer = setInterval(() => {
    let alive = process.ppid === parent;
    if (alive) {
      try {
        process.kill(parent, 0);
      } catch {
        alive = false;
      }
    }
    if (!alive) process.exit(0);
  }, 500);
  timer.unref();
}
