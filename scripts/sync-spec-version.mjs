#!/usr/bin/env node
// After `changeset version` has bumped spec/package.json, write that version into
// spec/openapi.yaml's `info.version`, so the description's version moves with its changelog.
// Run by `pnpm version-packages`; the spec tests check that the two agree.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specPath = join(root, 'spec/openapi.yaml');
const { version } = JSON.parse(readFileSync(join(root, 'spec/package.json'), 'utf8'));

const text = readFileSync(specPath, 'utf8');
// The first `version:` indented under `info:` (the root file's second line holds `info:`).
const infoVersion = /^(info:\n(?:[ ]{2}.*\n)*?[ ]{2}version: ).*$/m;
if (!infoVersion.test(text)) throw new Error('sync-spec-version: no info.version in spec/openapi.yaml');
writeFileSync(specPath, text.replace(infoVersion, `$1${version}`));
console.log(`spec/openapi.yaml: info.version ${version}`);
