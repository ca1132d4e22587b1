// One Prism for the whole contract project: the bundled spec, request validation on (Prism's
// default), `--errors` (an answer that violates its own schema becomes a 500, so a wrong example
// in the spec fails a test). Tests get its URL through inject('prismUrl').
import type { TestProject } from 'vitest/node';
import { mockSpecPath } from '../src/bundle.js';
import { startPrism } from '../src/prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const prism = await startPrism({ spec: mockSpecPath, errors: true });
  const rssAtStart = prism.rssMb();
  project.provide('prismUrl', prism.url);

  // Ctrl-C: stop Prism at once, then let the signal do what it would have done.
  const onSignal = (signal: NodeJS.Signals) => {
    if (!prism.exited()) process.kill(prism.pid, 'SIGTERM');
    process.off(signal, onSignal);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  return async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const diedEarly = prism.exited();
    const rssAtEnd = prism.rssMb();
    await prism.stop();
    console.log(
      `contract: Prism ${prism.url} (pid ${prism.pid}) started in ${prism.startMs} ms, ` +
        `RSS ${rssAtStart ?? '?'} MB after start, ${rssAtEnd ?? '?'} MB at the end`,
    );
    // A mock that crashed mid-run fails the run with its own last words, not only with
    // "fetch failed" in whichever tests came after.
    if (diedEarly) throw new Error(`contract: Prism exited during the run:\n${prism.output().slice(-4000)}`);
  };
}
