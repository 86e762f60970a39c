// The Slack adapter: a Bolt 5 app on the shared HTTP server (POST /slack/events) or in Socket Mode. It only
// translates: Slack payloads → the core's inbound port, its outcomes and neutral views → Block Kit.
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from "@slack/bolt";
import type { AdapterFactory } from "../../src/bot.js";
import { withoutPayload, type Logger } from "../../src/logger.js";
import { createInFlight } from "../../src/in-flight.js";
import { registerActions } from "./actions.js";
import { registerCommand } from "./commands.js";
import { registerEvents } from "./events.js";
import { slackDoctor } from "./doctor.js";
import { slackEntry } from "./entry.js";
import { slackSettings } from "./settings.js";
import { describeSlack, SLACK_EVENTS_PATH } from "./describe.js";
import { createSlackPlatform } from "./platform.js";
import { registerFormSteps } from "./form-steps.js";
import { registerSubmissions } from "./submissions.js";
import { storeBeforeAck, type StoreBeforeAck } from "./store-before-ack.js";

export { SLACK_EVENTS_PATH } from "./describe.js";

// Bolt wants its own logger shape; route it into ours so there is one log stream.
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (f: (o: object, m?: string) => void) => (...msg: unknown[]) => f({ source: "bolt" }, msg.map((m) => (m instanceof Error ? m.message : typeof m === "string" ? m : JSON.stringify(m))).join(" "));
  // Bolt and its Web API client log whole payloads at debug (request bodies, events with names and answers).
  const debugLine = (...msg: unknown[]) => logger.debug({ source: "bolt" }, withoutPayload(msg.map((m) => (m instanceof Error ? m.message : typeof m === "string" ? m : "{}")).join(" ")));
  return {
    debug: debugLine,
    info: line((o, m) => logger.info(o, m)),
    warn: line((o, m) => logger.warn(o, m)),
    error: line((o, m) => logger.error(o, m)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** Creates the Slack adapter when SLACK_BOT_TOKEN is set. */
export const slackAdapterFactory: AdapterFactory = {
  entry: slackEntry,
  describe: describeSlack,
  doctor: (input) => slackDoctor(input),
  async create({ inbound, config, server, logger }) {
    const s = slackSettings(config.platformEnv);
    if (!s) throw new Error("Slack is not configured");
    const clientOptions = {
      ...(s.apiUrl ? { slackApiUrl: s.apiUrl } : {}),
      // Fail fast on 429 and let the outbox reschedule after Retry-After, instead of the client's default
      // of retrying for up to 30 minutes inside one request.
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    };
    const log = boltLogger(logger);
    let app: App;
    // Reactions are votes: their acknowledgement waits until they are stored (see store-before-ack.ts).
    let held: StoreBeforeAck;
    if (s.mode === "socket") {
      // Built here rather than by App so that SLACK_API_URL also applies to apps.connections.open.
      const receiver = new SocketModeReceiver({ appToken: s.appToken ?? "", logger: log, installerOptions: { clientOptions } });
      held = storeBeforeAck(receiver);
      app = new App({ token: s.botToken, receiver: held.receiver, clientOptions, logger: log });
    } else {
      // Bolt's own receiver verifies the signature and the 5-minute timestamp window; we only mount it.
      const receiver = new HTTPReceiver({ signingSecret: s.signingSecret ?? "", endpoints: SLACK_EVENTS_PATH, logger: log });
      held = storeBeforeAck(receiver);
      app = new App({ token: s.botToken, receiver: held.receiver, clientOptions, logger: log });
      server.mount(SLACK_EVENTS_PATH, receiver.requestListener);
    }
    // Every listener runs inside this middleware, so `idle()` can wait for work that continues after ack().
    const inFlight = createInFlight();
    app.use(async ({ next }) => {
      await inFlight.track(next());
    });
    app.error(async (e) => {
      logger.error({ err: e.message }, "unhandled Slack error");
    });
    registerCommand(app, inbound, s.command, logger);
    registerActions(app, inbound, logger);
    registerSubmissions(app, inbound, logger);
    registerFormSteps(app, inbound, logger);
    registerEvents(app, inbound, logger, (body) => held.stored(body));
    if (s.mode === "socket") await app.start();
    return {
      platform: createSlackPlatform(app.client),
      idle: () => inFlight.idle(),
      async stop() {
        if (s.mode === "socket") await app.stop();
      },
    };
  },
};
