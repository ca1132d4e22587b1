// How many GET operations the bundled spec has: omnidesk-verify calls each once, so the tests'
// expected counts follow the spec instead of naming a number that the next operation changes.
import { fileURLToPath } from 'node:url';
import { operations, readBundle } from '../../../scripts/generate/spec-walker.mjs';

const bundle = readBundle(fileURLToPath(new URL('../../../dist/openapi.json', import.meta.url)));

export const GET_COUNT = [...operations(bundle)].filter(({ method }) => method === 'get').length;
