// @ts-check
// Debian's redis-server (apt-get install redis-server; .ci/run installs it), started on a free
// loopback port without persistence: for the Redis store's tests and the budget benchmark.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port.mjs';

/** @type {import('./required-tool.mjs').Tool} */
export const redisServerTool = {
  name: 'redis-server',
  present: (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, 'redis-server'))),
  where: 'on PATH',
  install: 'apt-get install -y --no-install-recommends redis-server',
};

/**
 * @typedef {object} RunningRedis
 * @property {string} url `redis://127.0.0.1:<port>`
 * @property {() => Promise<void>} stop ends the server and resolves once it has exited
 */

/**
 * Starts redis-server and resolves once it answers PING; rejects when it cannot start or exits
 * first. Check `redisServerTool.present` before.
 * @returns {Promise<RunningRedis>}
 */
export async function startRedisServer() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  let settled = false;
  await new Promise((resolve, reject) => {
    /** @param {Error} error */
    const fail = (error) => {
      settled = true;
      reject(error);
    };
    child.once('error', (error) => fail(new Error(`cannot start redis-server (${redisServerTool.install}): ${error.message}`)));
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}) before answering`)));
    const attempt = () => {
      if (settled) return;
      const socket = connect(port, '127.0.0.1');
      socket.on('connect', () => socket.write('PING\r\n'));
      socket.on('data', (data) => {
        socket.destroy();
        if (!data.toString().startsWith('+PONG')) return void setTimeout(attempt, 50);
        settled = true;
        resolve(undefined);
      });
      // Not listening yet: try again shortly.
      socket.on('error', () => setTimeout(attempt, 50));
    };
    attempt();
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
