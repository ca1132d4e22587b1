// The breaking-change check: the bundle against the last released description
// (released/openapi.yaml), compared by optic (`@useoptic/optic`, offline, its standard rules:
// no removed operation, response field or status code, no new required parameter, ...). A
// breaking change fails unless the bundle's major version moved past the released one, or a
// pending changeset (.changeset/*.md) declares a major release of the description.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { bundlePath, loadBundle } from './bundle.js';

const here = fileURLToPath(new URL('..', import.meta.url));
const optic = join(here, 'node_modules/.bin/optic');
const releasedPath = join(here, 'released/openapi.yaml');
// optic reads YAML and JSON alike: the released copy is the bundle's YAML as it was released, and
// the bundle checked is the one every spec check reads (dist/openapi.json, or OMNIDESK_BUNDLE).
// Outside the repository, so optic finds no optic.dev.yml or git history to mix in.
const work = mkdtempSync(join(tmpdir(), 'omnidesk-breaking-'));

interface Diff {
  breaking: boolean;
  output: string;
}

/** optic's verdict on `head` against `base`: exit 1 is a breaking change, 0 none, others a fault. */
function diff(base: string, head: string): Promise<Diff> {
  return new Promise((resolve, reject) => {
    const child = spawn(optic, ['diff', base, head, '--check'], {
      cwd: work,
      env: { ...process.env, OPTIC_TELEMETRY_LEVEL: 'off', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 || code === 1) resolve({ breaking: code === 1, output });
      else reject(new Error(`optic diff exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

const major = (version: string) => Number(version.split('.')[0]);

const SPEC_PACKAGE = '@omnidesk-openapi/spec';
const changesetDir = fileURLToPath(new URL('../../../.changeset/', import.meta.url));

/** The pending changesets that declare a major release of the description (their file names). */
function declaredMajor(dir = changesetDir): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .filter((name) => {
      // A changeset opens with a YAML front matter of `"package": bump` lines between `---`s.
      const front = readFileSync(join(dir, name), 'utf8').match(/^---\n([\s\S]*?)\n---/);
      return front !== null && parse(front[1]!)?.[SPEC_PACKAGE] === 'major';
    });
}

describe('breaking changes against the last released description', { timeout: 400_000 }, () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the bundle breaks nothing released, unless its major version moved', async () => {
    const released = parse(readFileSync(releasedPath, 'utf8'));
    const current = loadBundle();
    expect(major(current.info.version), 'the major version never goes back').toBeGreaterThanOrEqual(major(released.info.version));
    const result = await diff(releasedPath, bundlePath);
    if (result.breaking && major(current.info.version) === major(released.info.version) && declaredMajor().length === 0) {
      expect.fail(
        `${bundlePath} breaks ${released.info.version} (released/openapi.yaml) without a new major version ` +
          `or a changeset declaring "${SPEC_PACKAGE}": major:\n` +
          result.output.slice(-6000),
      );
    }
  });

  it('takes a pending changeset declaring a major release of the description as declared', () => {
    const dir = join(work, 'changesets');
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.md'), '---\n"@omnidesk-openapi/spec": major\n---\nnot a changeset\n');
    writeFileSync(join(dir, 'minor-spec.md'), '---\n"@omnidesk-openapi/spec": minor\n---\n\nNew operations.\n');
    writeFileSync(join(dir, 'major-client.md'), '---\n"@omnidesk-openapi/client": major\n---\n\nRenamed a method.\n');
    writeFileSync(
      join(dir, 'major-spec.md'),
      '---\n"@omnidesk-openapi/client": minor\n"@omnidesk-openapi/spec": major\n---\n\nRemoved an operation.\n',
    );
    expect(declaredMajor(dir)).toEqual(['major-spec.md']);
  });

  it("info.version is the spec package's version, which changesets moves", () => {
    const specPackage = JSON.parse(readFileSync(fileURLToPath(new URL('../../../spec/package.json', import.meta.url)), 'utf8'));
    expect(loadBundle().info.version, 'run `pnpm version-packages`, which writes it into spec/openapi.yaml').toBe(specPackage.version);
  });

  it('fails a copy with an operation removed and a new required parameter', async () => {
    const broken = parse(readFileSync(releasedPath, 'utf8'));
    delete broken.paths['/groups.json'].get;
    broken.paths['/cases.json'].get.parameters.push({ name: 'tenant', in: 'query', required: true, schema: { type: 'string' } });
    const brokenPath = join(work, 'broken.yaml');
    writeFileSync(brokenPath, stringify(broken));
    const result = await diff(releasedPath, brokenPath);
    expect(result.breaking, result.output.slice(-4000)).toBe(true);
    expect(result.output).toContain('/groups.json');
    expect(result.output).toContain('tenant');
  });
});
