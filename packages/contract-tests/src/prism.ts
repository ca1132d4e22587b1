// Starts and stops one Prism mock server (the pinned, patched 5.14.2) for tests.
// Prism cannot listen on port 0, so a free port is found first; if another process takes it in
// between, Prism exits with EADDRINUSE and the start is retried on a new port.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../scripts/free-port.mjs';

const require = createRequire(import.meta.url);
const prismCli = require.resolve('@stoplight/prism-cli/dist/index.js', {
  paths: [fileURLToPath(new URL('../../../', import.meta.url))],
});
const watchdog = fileURLToPath(new URL('./prism-watchdog.cjs', import.meta.url));
const HOST = '127.0.0.1';

export interface PrismOptions {
  /** The description to serve (YAML or JSON). */
  spec: string;
  /** `--errors`: response violations become 500 answers (on by default). */
  errors?: boolean;
  /** Give up when Prism has not answered after this long. */
  startTimeoutMs?: number;
}

export interface Prism {
  url: string;
  port: number;
  pid: number;
  /** Milliseconds from spawn until Prism answered its first request. */
  startMs: number;
  /** Prism's resident memory now, in MB (Linux /proc). */
  rssMb(): number | undefined;
  /** Everything Prism printed (for failure messages). */
  output(): string;
  /** True once the process has exited (a crash included). */
  exited(): boolean;
  stop(): Promise<void>;
}

function rssMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Every Prism started by this process, stopped synchronously if the process exits without a
// teardown (an uncaught error, process.exit). SIGKILL is covered by the watchdog instead.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function startOnce(options: PrismOptions, port: number): Promise<Prism | 'port-taken'> {
  const args = ['--require', watchdog, prismCli, 'mock', options.spec, '--host', HOST, '--port', String(port)];
  if (options.errors ?? true) args.push('--errors');
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PRISM_WATCHDOG_PARENT: String(process.pid), FORCE_COLOR: '0' },
  });
  running.add(child);
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exitedFlag = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exitedFlag = true;
      running.delete(child);
      resolve();
    }),
  );
  const url = `http://${HOST}:${port}`;
  const prism: Prism = {
    url,
    port,
    pid: child.pid!,
    startMs: 0,
    rssMb: () => rssMb(child.pid!),
    output: () => log,
    exited: () => exitedFlag,
    async stop() {
      if (exitedFlag) return;
      child.kill('SIGTERM');
      const gone = await Promise.race([exit.then(() => true), sleep(3000).then(() => false)]);
      if (!gone) {
        child.kill('SIGKILL');
        await exit;
      }
    },
  };

  const deadline = started + (options.startTimeoutMs ?? 30_000);
  while (performance.now() < deadline) {
    if (exitedFlag) {
      if (/EADDRINUSE/.test(log)) return 'port-taken';
      throw new Error(`Prism exited while starting on ${options.spec}:\n${log}`);
    }
    try {
      // Any HTTP answer means the server is up (an unknown path answers 404).
      await fetch(`${url}/__prism_ready`, { signal: AbortSignal.timeout(1000) });
      prism.startMs = Math.round(performance.now() - started);
      return prism;
    } catch {
      await sleep(50);
    }
  }
  await prism.stop();
  throw new Error(`Prism did not answer within ${options.startTimeoutMs ?? 30_000} ms:\n${log}`);
}

export async function startPrism(options: PrismOptions): Promise<Prism> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = await startOnce(options, await freePort(HOST));
    if (result !== 'port-taken') return result;
  }
  throw new Error('Prism: no free port after 5 attempts');
}
