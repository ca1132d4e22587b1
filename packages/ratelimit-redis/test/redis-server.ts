// Starts Debian's redis-server (apt-get install redis-server; .ci/run installs it) on a free
// loopback port, without persistence, for the ratelimit-redis tests, and stops it by its PID.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { requireTool, skipWithout } from '../../../scripts/required-tool.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** Resolves once the server answers PING with PONG; rejects when the process ends first. */
const answers = (port: number, child: ChildProcess) =>
  new Promise<void>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`redis-server exited (${code}) before answering`));
    child.once('exit', exited);
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.on('data', (data) => {
        socket.destroy();
        if (!data.toString().startsWith('+PONG')) return void setTimeout(attempt, 50);
        child.off('exit', exited);
        resolve();
      });
      socket.on('connect', () => socket.write('PING\r\n'));
      socket.on('error', () => setTimeout(attempt, 50));
    };
    attempt();
  });

let child: ChildProcess | undefined;

const onPath = (name: string) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
const redisServer = {
  name: 'redis-server',
  present: onPath('redis-server'),
  where: 'on PATH',
  install: 'apt-get install -y --no-install-recommends redis-server',
};

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // The rule of every test that needs a program of the machine (scripts/required-tool.mjs).
  if (skipWithout('packages/ratelimit-redis', redisServer)) {
    project.provide('redisUrl', '');
    return undefined;
  }
  requireTool(redisServer);
  const port = await freePort();
  child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    child!.once('spawn', resolve);
    child!.once('error', (error) => reject(new Error(`cannot start redis-server (apt-get install redis-server): ${error.message}`)));
  });
  await answers(port, child);
  project.provide('redisUrl', `redis://127.0.0.1:${port}`);
  return async () => {
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  };
}
