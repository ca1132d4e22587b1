#!/usr/bin/env node
// `omnidesk-verify`: see src/cli.mjs and docs/guides/12-check-the-spec-against-your-account.md.
import { main } from '../src/cli.mjs';

process.exitCode = await main(process.argv.slice(2));
