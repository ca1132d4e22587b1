// Builds the package twice from src/: ESM into dist/esm, CommonJS into dist/cjs (marked by its
// own package.json), each with its declarations. Same input, same output: no timestamps.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(pkg, '../../node_modules/typescript/bin/tsc');
rmSync(join(pkg, 'dist'), { recursive: true, force: true });
for (const config of ['tsconfig.esm.json', 'tsconfig.cjs.json']) {
  const r = spawnSync(process.execPath, [tsc, '-p', config], { cwd: pkg, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
writeFileSync(join(pkg, 'dist/cjs/package.json'), '{\n  "type": "commonjs"\n}\n');
