// `npm run doctor`, minus the process: runs the checks, prints the checklist, returns the exit code. The entry
// point (adapters/doctor.ts) passes the platforms in, so this stays platform-free and testable in-process.
import { createSilentLogger } from "../logger.js";
import type { PlatformDoctor } from "./check.js";
import { formatChecklist } from "./print.js";
import { runDoctor } from "./run.js";

/** Runs the doctor and writes its checklist; resolves to the exit code (1 when anything blocks the workflow). */
export async function doctorCli(opts: { env: NodeJS.ProcessEnv; cwd: string; platforms: readonly PlatformDoctor[]; write: (text: string) => void }): Promise<number> {
  const result = await runDoctor({ env: opts.env, cwd: opts.cwd, platforms: opts.platforms, logger: createSilentLogger() });
  opts.write(`Sister Cities bot: setup check${result.config ? ` (${result.config.policy.city.name})` : ""}\n\n`);
  opts.write(formatChecklist(result.checks));
  return result.exitCode;
}
