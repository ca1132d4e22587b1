// Types of etc/api-report.mjs, for test/api-report.test.ts.
export declare const packageDir: string;
export declare const configs: Record<string, string>;
export declare function typedEntries(): string[];
export interface ApiReport {
  /** The package.json `exports` entry: `.`, `./core`... */
  entry: string;
  /** The committed report, relative to the package: `etc/client.api.md`. */
  file: string;
  /** Whether the report made differs from the committed one. */
  changed: boolean;
  /** The report made from the build. */
  report: string;
  /** A unified diff from the committed report to the one made (with `check`, when it differs). */
  diff: string;
  /** API Extractor's errors and warnings. */
  problems: string[];
}
export declare function apiReports(options?: { check?: boolean }): ApiReport[];
