#!/usr/bin/env node
// The API reports of @omnidesk-openapi/client (etc/*.api.md): every exported type, function,
// class and method of each package.json `exports` entry, as API Extractor reads the built
// declarations (dist/esm). A pull request that changes the SDK's surface shows it in their diff.
//
// `pnpm api-report` (root) builds the SDK and runs this file: it rewrites the reports.
// test/api-report.test.ts calls `apiReports({ check: true })`: the reports are made into a temp
// dir and compared with the committed ones, nothing in etc/ is written.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import extractor from '@microsoft/api-extractor';

const { CompilerState, Extractor, ExtractorConfig } = extractor;

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The config of each `exports` entry (api-extractor.json holds the shared settings). */
export const configs = {
  '.': 'api-extractor.json',
  './core': 'api-extractor.core.json',
  './node': 'api-extractor.node.json',
  './validate': 'api-extractor.validate.json',
};

/** The `exports` entries that have types (all but `./package.json`). */
export function typedEntries() {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  return Object.keys(pkg.exports).filter((entry) => typeof pkg.exports[entry] === 'object');
}

/**
 * Makes the report of every entry into a temp dir and compares it with etc/. With `check`, etc/ is
 * left alone; without it, a report that differs is copied there. Returns, per entry, whether the
 * committed report differs (`changed`), the report made (`report`), a unified diff (`diff`, with
 * `check`) and the errors and warnings met (`problems`).
 */
export function apiReports({ check = false } = {}) {
  const tempFolder = mkdtempSync(join(tmpdir(), 'omnidesk-api-report-'));
  try {
    return make(check, tempFolder);
  } finally {
    rmSync(tempFolder, { recursive: true, force: true });
  }
}

/**
 * @param {boolean} check
 * @param {string} tempFolder
 */
function make(check, tempFolder) {
  const missing = typedEntries().filter((entry) => !(entry in configs));
  if (missing.length) {
    throw new Error(`api-report: no API Extractor config for the exports entry ${missing.join(', ')}; add one to etc/api-report.mjs`);
  }
  const prepared = Object.entries(configs).map(([entry, file]) => {
    const configFile = join(packageDir, file);
    const loaded = ExtractorConfig.loadFile(configFile);
    // Every config here has an apiReport section (the report is what this script is for).
    if (!loaded.apiReport) throw new Error(`api-report: ${file} has no apiReport section`);
    loaded.apiReport.reportTempFolder = tempFolder;
    const config = ExtractorConfig.prepare({
      configObject: loaded,
      configObjectFullPath: configFile,
      packageJsonFullPath: join(packageDir, 'package.json'),
    });
    if (!existsSync(config.mainEntryPointFilePath)) {
      throw new Error(`api-report: no ${config.mainEntryPointFilePath}; build the SDK first (\`pnpm api-report\` does)`);
    }
    return { entry, config };
  });
  // One TypeScript program for the four entries: each would otherwise parse the same files again.
  const compilerState = CompilerState.create(prepared[0].config, {
    additionalEntryPoints: prepared.slice(1).map((p) => p.config.mainEntryPointFilePath),
  });
  return prepared.map(({ entry, config }) => {
    /** @type {string[]} */
    const problems = [];
    let diff = '';
    const result = Extractor.invoke(config, {
      localBuild: !check,
      compilerState,
      printApiReportDiff: check,
      messageCallback(message) {
        if (message.messageId === 'console-api-report-diff') diff = message.text;
        else if (message.logLevel === 'error' || message.logLevel === 'warning') {
          if (!message.messageId.startsWith('console-api-report-')) problems.push(message.formatMessageWithLocation(packageDir));
        }
        // Quiet: the caller prints what matters.
        if (message.logLevel !== 'none') message.handled = true;
      },
    });
    const made = join(tempFolder, config.reportConfigs[0].fileName);
    return {
      entry,
      file: join('etc', config.reportConfigs[0].fileName),
      changed: result.apiReportChanged,
      report: readFileSync(made, 'utf8'),
      diff,
      problems,
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let failed = false;
  for (const r of apiReports()) {
    for (const p of r.problems) console.error(`api-report: ${r.entry}: ${p}`);
    failed ||= r.problems.length > 0;
    console.log(`api-report: ${r.file} ${r.changed ? 'updated' : 'unchanged'} (${r.entry})`);
  }
  process.exit(failed ? 1 : 0);
}
