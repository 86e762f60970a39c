import { pino } from "pino";

/** The logging surface the core depends on; pino satisfies it, tests can pass a silent one. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Creates the process logger: JSON lines on stdout, level from LOG_LEVEL. */
export function createLogger(level = "info"): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}

/** A logger that drops everything, for tests and benchmarks. */
export function createSilentLogger(): Logger {
  return pino({ level: "silent" });
}

/**
 * A library's debug line without the payload it may carry: the chat platforms' SDKs log whole requests and
 * activities at debug (names, application answers), which must not end up in log storage. The text is cut at
 * the first JSON-looking part and clipped.
 */
export function withoutPayload(text: string): string {
  const cut = text.search(/[[{]/);
  const head = (cut === -1 ? text : text.slice(0, cut)).trimEnd();
  const clipped = head.length > 160 ? `${head.slice(0, 159)}…` : head;
  return cut === -1 ? clipped : `${clipped} [payload omitted]`.trim();
}
