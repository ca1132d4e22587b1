#!/usr/bin/env node
// Builds the reference site into docs/dist/ from the bundled spec: one self-contained HTML file
// (Redoc inlined, no CDN), so it works offline from file:// and from any static host.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'docs/dist'), { recursive: true });
const result = spawnSync(
  join(root, 'node_modules/.bin/redocly'),
  [
    'build-docs', 'dist/openapi.yaml',
    '--output', 'docs/dist/index.html',
    '--inlineBundle',
    '--title', 'Omnidesk API reference',
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
