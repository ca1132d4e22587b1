/** Log levels, most to least said: a logger gets the lines at its level and above. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** One method of a logger: a short message and a summary (never credentials or bodies). */
export type LogMethod = (message: string, data?: Record<string, unknown>) => void;

/**
 * Where the SDK's lines go, one optional method a level (as `console`, pino or winston have
 * them). A line whose level has no method goes to `debug`, so a logger with only `debug` gets
 * every line; with neither, it is dropped.
 */
export interface Logger {
  debug?: LogMethod;
  info?: LogMethod;
  warn?: LogMethod;
  error?: LogMethod;
}

/** The SDK's own writer: a level, a message and its data. */
export type Log = (level: Exclude<LogLevel, 'off'>, message: string, data: Record<string, unknown>) => void;

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];

/**
 * The writer for `logger` at `level`: `level` is the `logLevel` option, else `OMNIDESK_LOG`,
 * else `debug` when a `logger` is given (it gets every line) and `off` without one. Without a
 * `logger`, lines go to `console`. A logger that throws, or rejects, never ends the call.
 */
export function createLog(logger: Logger | undefined, level: LogLevel | undefined): Log | undefined {
  const env = logEnv();
  const min = LOG_LEVELS.indexOf(level ?? (LOG_LEVELS.includes(env as LogLevel) ? (env as LogLevel) : logger ? 'debug' : 'off'));
  const target: Logger = logger ?? console;
  return min < 4
    ? (at, message, data) => {
        if (LOG_LEVELS.indexOf(at) < min) return;
        try {
          // An async logger's rejection is not left unhandled either.
          ((target[at] ?? target.debug)?.call(target, message, data) as unknown as Promise<void> | undefined)?.catch?.(() => undefined);
        } catch {
          // ignored: logging is not the call
        }
      }
    : undefined;
}

/** `OMNIDESK_LOG`, if the runtime has an environment and lets it be read (Deno asks `--allow-env`: without it, none). */
function logEnv(): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.OMNIDESK_LOG;
  } catch {
    return undefined;
  }
}
