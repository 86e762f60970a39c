// npm run doctor: checks the live setup (configuration, database, Slack, Teams, roles, people, PUBLIC_URL) and prints
// a checklist; exits 1 when anything blocks the workflow. Here because only the composition root knows the platforms.
import { doctorCli } from "../src/doctor/cli.js";
import { lazySlack, lazyTeams } from "./lazy.js";

doctorCli({ env: process.env, cwd: process.cwd(), platforms: [lazySlack, lazyTeams], write: (t) => process.stdout.write(t) }).then(
  // Exit once the checklist is flushed (stdout to a pipe is asynchronous on some systems).
  (code) => void process.stdout.write("", () => process.exit(code)),
  (e: unknown) => {
    process.stderr.write(`The doctor could not run: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
