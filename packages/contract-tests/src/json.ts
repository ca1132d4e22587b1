// What comes over the wire or out of a file is `unknown` until a check narrows it: these are the
// checks, shared by the contract and MCP tests.

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a JSON object, or an error naming `what` was something else. */
export function recordOf(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new Error(`${what} is not an object: ${JSON.stringify(value)?.slice(0, 200)}`);
  return value;
}
