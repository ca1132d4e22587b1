// @ts-check
// A free port for a local server the tests or benchmarks start (Prism, redis-server).
import { createServer } from 'node:net';

/**
 * A port no one listens on now on `host`: the system picks it, and it is released at once for
 * the caller's server to take.
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error(`no free port on ${host}`))));
    });
  });
}
