// How many GET operations the bundled spec has: omnidesk-verify calls each once, so the tests'
// expected counts follow the spec instead of naming a number that the next operation changes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = JSON.parse(readFileSync(fileURLToPath(new URL('../../../dist/openapi.json', import.meta.url)), 'utf8'));

export const GET_COUNT = Object.values<Record<string, unknown>>(bundle.paths).filter((item) => item.get).length;
