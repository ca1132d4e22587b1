#!/usr/bin/env node
// `pnpm test`: every check of the project. It runs the whole build first (the lint is a stage of
// it, and the tests check what the build makes: the bundle, the SDK, the site), then every
// vitest project of the workspace (spec, SDK, contract against the mock, browser).
// Extra arguments go to vitest: `pnpm test --project client`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules/.bin', name);

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const vitest = spawnSync(bin('vitest'), ['run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(vitest.status ?? 1);
