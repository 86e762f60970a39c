// A logger that keeps every line, so tests can assert what the operator reads in the log.
import type { Logger } from "../../src/logger.js";

/** One captured log line. */
export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  msg: string;
  obj: object;
}

/** Creates a logger whose lines (children's too) end up in `lines`. */
export function createCaptureLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const at =
    (level: LogLine["level"], bindings: object) =>
    (obj: object | string, msg?: string): void => {
      lines.push(typeof obj === "string" ? { level, msg: obj, obj: bindings } : { level, msg: msg ?? "", obj: { ...bindings, ...obj } });
    };
  const make = (bindings: object): Logger & { lines: LogLine[] } => ({
    lines,
    debug: at("debug", bindings),
    info: at("info", bindings),
    warn: at("warn", bindings),
    error: at("error", bindings),
    child: (more) => make({ ...bindings, ...more }),
  });
  return make({});
}
