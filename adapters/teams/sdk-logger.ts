import type { AppOptions, IPlugin } from "@microsoft/teams.apps";
import { withoutPayload, type Logger } from "../../src/logger.js";

// Derived from the App options so only the declared dependency (teams.apps) is imported, not teams.common.
type ILogger = NonNullable<AppOptions<IPlugin>["logger"]>;
type LogLevel = Parameters<ILogger["log"]>[0];

function describe(value: unknown): unknown {
  if (value instanceof Error) return { message: value.message, name: value.name, ...(value.stack ? { stack: value.stack } : {}) };
  return value;
}

/** Sends the Teams SDK's log lines to the bot's logger, so everything is one JSON log stream. */
export function createSdkLogger(logger: Logger, name = "teams-sdk"): ILogger {
  const write = (level: "debug" | "info" | "warn" | "error", all: unknown[]) => {
    // The SDK logs fields that may be missing (e.g. an HTTP error's response body) as separate lines.
    const parts = all.filter((p) => p !== undefined && p !== null && p !== "");
    if (parts.length === 0) return;
    const [first, ...rest] = parts;
    // At debug the SDK logs whole activities (names, answers): keep only what it says, never what it carries.
    if (level === "debug") return logger.debug(typeof first === "string" ? withoutPayload(first) : "[payload omitted]");
    const msg = typeof first === "string" ? first : "";
    const details = (typeof first === "string" ? rest : parts).map(describe);
    if (details.length === 0) logger[level](msg);
    else logger[level]({ details: details.length === 1 ? details[0] : details }, msg);
  };
  const sdk: ILogger = {
    loggerOptions: {},
    debug: (...m: unknown[]) => write("debug", m),
    info: (...m: unknown[]) => write("info", m),
    warn: (...m: unknown[]) => write("warn", m),
    error: (...m: unknown[]) => write("error", m),
    trace: (...m: unknown[]) => write("debug", m),
    log: (level: LogLevel, ...m: unknown[]) => write(level === "trace" ? "debug" : level, m),
    child: (child: string) => createSdkLogger(logger.child({ sdk: child }), child),
  };
  return sdk;
}
