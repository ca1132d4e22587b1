// Generates the SDK of the fixture spec (test/fixtures/mini.yaml) before the tests import it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../../../scripts/generate/sdk.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export default async function setup(): Promise<void> {
  await generate(join(here, 'fixtures/mini.yaml'), join(here, '.generated/mini'), join(here, '../src'));
}
