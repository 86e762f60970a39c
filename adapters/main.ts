// Entry point: the composition root. It is the only place that knows both the core and the platform adapters,
// which keeps src/ free of platform SDK imports.
import { ConfigError, loadConfig } from "../src/config/index.js";
import { startBot, type AdapterFactory } from "../src/bot.js";
import { lazySlack, lazyTeams } from "./lazy.js";

const factories: AdapterFactory[] = [lazySlack, lazyTeams];

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.cwd(), factories.map((f) => f.entry));
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nThe bot did not start. See .env.example and config/pinole.policy.yaml.\n`);
      process.exit(1);
    }
    throw e;
  }
  const bot = await startBot(config, factories);
  const shutdown = (signal: string) => {
    bot.ctx.logger.info(`${signal} received, stopping`);
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`The bot could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
