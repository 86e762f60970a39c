// The Microsoft Teams adapter: the Teams SDK's App on the bot's shared HTTP server (POST /api/messages), inbound
// activities translated into events for the core's inbound port, and a ChatPlatform that posts and updates cards through the Bot Connector.
import { App } from "@microsoft/teams.apps";
import type { AdaptiveCardActionResponse, Client as ApiClient } from "@microsoft/teams.api";
import type { AdapterFactory } from "../../src/bot.js";
import type { Config } from "../../src/config/index.js";
import { createInFlight } from "../../src/in-flight.js";
import { readInbound } from "./activity.js";
import { handleCardAction } from "./card-actions.js";
import { handleMessage } from "./commands.js";
import { createConversationRefs } from "./conversation-refs.js";
import { handleDialogOpen, handleDialogSubmit } from "./dialogs.js";
import { teamsEntry } from "./entry.js";
import { teamsSettings } from "./settings.js";
import { describeTeams, MESSAGES_PATH } from "./describe.js";
import { teamsDoctor } from "./doctor.js";
import { createBotTokenValidator } from "./bot-token.js";
import { createHttpBridge } from "./http-bridge.js";
import { authenticatedGuard, localGuard } from "./inbound-guard.js";
import { createTeamsPlatform, viewMessage } from "./platform.js";
import { handleReaction } from "./reactions.js";
import { createTeamsPeopleFinder } from "./people.js";
import type { TeamsDeps } from "./replies.js";
import { createSdkLogger } from "./sdk-logger.js";

export { MESSAGES_PATH } from "./describe.js";

/** What tests may inject; production uses the defaults (Microsoft's key server). */
export interface TeamsAdapterOptions {
  /** Where Bot Framework signing keys are published; tests point it at a local key server on loopback. */
  openIdMetadataUrl?: string;
}

/**
 * Creates the Teams adapter. It is on only when the city turns it on (describeTeams): authenticated with the app
 * credentials, or local-only and unauthenticated with TEAMS_ALLOW_UNAUTHENTICATED_LOCAL=true.
 */
export function createTeamsAdapterFactory(options: TeamsAdapterOptions = {}): AdapterFactory {
  return {
    entry: teamsEntry,
    describe: describeTeams,
    doctor: (input) => teamsDoctor(input),
    async create({ inbound, conversations, ctx, config, server, logger }) {
      const t = teamsSettings(config.platformEnv);
      if (t.mode === "off") throw new Error("teams: the adapter was created while Teams is off");
      const mode = t.mode;
      if (mode === "local")
        logger.warn(
          { endpoint: MESSAGES_PATH },
          `teams: ${MESSAGES_PATH} accepts activities WITHOUT checking who sent them (from this machine only, not through a proxy), so a ` +
            "local tool can act as any Teams user. Set TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET (and remove TEAMS_ALLOW_UNAUTHENTICATED_LOCAL) to connect real Teams.",
        );
      const guard =
        mode === "local"
          ? localGuard(logger)
          : authenticatedGuard({ validate: createBotTokenValidator({ clientId: t.clientId ?? "", ...(options.openIdMetadataUrl ? { openIdMetadataUrl: options.openIdMetadataUrl } : {}) }), ...(t.tenantId ? { tenantId: t.tenantId } : {}), logger });
      const bridge = createHttpBridge(logger);
      const app = new App({
        // Empty strings, not undefined: the SDK would otherwise fall back to CLIENT_ID / CLIENT_SECRET / TENANT_ID
        // from the environment, which this bot does not document.
        clientId: t.clientId ?? "",
        clientSecret: t.clientSecret ?? "",
        tenantId: t.tenantId ?? "",
        httpServerAdapter: bridge,
        // Authenticated requests reach the SDK with the token the guard checked, so its own validator never runs.
        dangerouslyAllowUnauthenticatedRequests: mode === "local",
        messagingEndpoint: MESSAGES_PATH,
        logger: createSdkLogger(logger),
      });

      const clients = new Map<string, ApiClient>();
      const api = (serviceUrl: string): ApiClient => {
        let c = clients.get(serviceUrl);
        if (!c) clients.set(serviceUrl, (c = app.api.clone({ serviceUrl })));
        return c;
      };
      const refs = createConversationRefs({ store: conversations, logger, api, mode, ...(t.clientId ? { defaultBotId: `28:${t.clientId}` } : {}) });
      const findPersonByEmail = createTeamsPeopleFinder({ refs, api, commissionChannel: () => ctx.policy.channels[teamsEntry.id] });
      const platform = createTeamsPlatform({ refs, api, logger, findPersonByEmail });
      const deps: TeamsDeps = { inbound, ctx, refs, platform, logger };

      // Every activity first leaves its conversation reference, so proactive messages work after a restart; the
      // whole turn is tracked so idle() can wait for it.
      const inFlight = createInFlight();
      app.use(async (c) => {
        try {
          await refs.capture(readInbound(c.activity));
        } catch (e) {
          logger.warn({ err: e instanceof Error ? e.message : String(e) }, "teams: could not store a conversation reference");
        }
        return await inFlight.track(Promise.resolve(c.next()));
      });
      app.on("conversationUpdate", async (c) => {
        const inbound = readInbound(c.activity);
        const botAdded = (c.activity.membersAdded ?? []).some((m) => m.id === inbound.botId);
        if (!botAdded || !inbound.teamId) return;
        logger.info({ team: inbound.teamId }, "teams: app installed in a team");
        // Every channel of the team becomes reachable, not only the one the install happened in.
        try {
          const channels = await api(inbound.serviceUrl).teams.getConversations(inbound.teamId);
          await refs.capture(inbound, { teamChannels: channels.flatMap((ch) => (ch.id ? [{ id: ch.id }] : [])) });
        } catch (e) {
          logger.warn({ err: e instanceof Error ? e.message : String(e), team: inbound.teamId }, "teams: could not list the team's channels");
        }
      });
      app.on("message", async (c) => {
        try {
          await handleMessage(deps, c.activity, async (a) => {
            await c.send(a);
          });
        } catch (e) {
          // Teams does not redeliver a message, and the person sees no answer either way: say what failed here.
          logger.error({ err: e instanceof Error ? e.message : String(e), conversation: c.activity.conversation?.id }, "teams: could not answer a message");
        }
      });
      app.on("card.action", async (c) => {
        const body = await handleCardAction(deps, c.activity, async (view) => {
          await c.send(viewMessage(view));
        });
        // The SDK types cards with its own newer model; ours is checked against the 1.5 schema Teams renders.
        return { status: 200, body: body as unknown as AdaptiveCardActionResponse };
      });
      app.on("dialog.open", async (c) => ({ status: 200, body: await handleDialogOpen(deps, c.activity) }));
      app.on("dialog.submit", async (c) => ({ status: 200, body: await handleDialogSubmit(deps, c.activity) }));
      app.on("message.ext.open", async (c) => ({ status: 200, body: await handleDialogOpen(deps, c.activity) }));
      app.on("message.ext.submit", async (c) => ({ status: 200, body: await handleDialogSubmit(deps, c.activity) }));
      app.on("messageReaction", async (c) => {
        await handleReaction(deps, c.activity);
      });

      await app.initialize();
      server.mount(MESSAGES_PATH, bridge.handlerFor(MESSAGES_PATH, guard));
      return {
        platform,
        idle: () => inFlight.idle(),
        async stop() {
          bridge.close();
          await app.stop();
        },
      };
    },
  };
}

/** The Teams adapter as the entry point uses it. */
export const teamsAdapterFactory: AdapterFactory = createTeamsAdapterFactory();
