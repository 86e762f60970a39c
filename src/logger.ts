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
