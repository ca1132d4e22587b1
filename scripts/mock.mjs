#!/usr/bin/env node
// `pnpm mock [--port N]`: Prism serving the bundled spec on 127.0.0.1 (port 4010, or --port / PORT).
// Requests are validated against the spec; answers come from the spec's examples.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const spec = join(root, 'dist/openapi.yaml');
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? process.argv[portArg + 1] : (process.env.PORT ?? '4010');
const host = process.env.HOST ?? '127.0.0.1';

if (!existsSync(spec)) {
  console.error('mock: dist/openapi.yaml is missing; run `pnpm build` first.');
  process.exit(1);
}
if (!/^\d+$/.test(String(port))) {
  console.error(`mock: port must be a number, got "${port}"`);
  process.exit(2);
}
const prism = spawn(join(root, 'node_modules/.bin/prism'), ['mock', spec, '--host', host, '--port', String(port)], {
  stdio: 'inherit',
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => prism.kill(signal));
prism.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
