#!/usr/bin/env node
// `pnpm docs:preview [--port N]`: serves docs/dist/ on http://127.0.0.1:8080 (loopback only).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../..', 'docs', 'dist');
const portArg = process.argv.indexOf('--port');
const port = Number(portArg > 0 ? process.argv[portArg + 1] : (process.env.PORT ?? 8080));
/** @type {Record<string, string>} */
const types = {
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.yaml': 'text/yaml',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

if (!existsSync(join(dir, 'index.html'))) {
  console.error('docs:preview: docs/dist/index.html is missing; run `pnpm build` first.');
  process.exit(1);
}
createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const file = normalize(join(dir, decodeURIComponent(url.pathname)));
  const target = file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile() ? file : join(dir, 'index.html');
  res.writeHead(200, { 'content-type': types[extname(target)] ?? 'application/octet-stream' });
  createReadStream(target).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`docs:preview: http://127.0.0.1:${port}/`));
