import type { Client as ApiClient } from "@microsoft/teams.api";
import { PlatformError, type Address, type ConversationRefStore } from "../../src/app/ports.js";
import type { Logger } from "../../src/logger.js";
import type { Inbound } from "./activity.js";
import { serviceUrlAllowed, type TeamsMode } from "./service-url.js";

/** The ConversationRef.platform value of Teams rows. */
export const TEAMS_REFS_PLATFORM = "teams";
const PLATFORM = TEAMS_REFS_PLATFORM;

/** Extra facts kept with a reference (the ConversationRef.data column). */
interface RefData {
  botId?: string;
  userId?: string;
  aadObjectId?: string;
  name?: string;
  teamId?: string;
}

/** Where and how to send: what the Bot Connector needs for a proactive message. */
export interface SendTarget {
  serviceUrl: string;
  conversationId: string;
  botId?: string;
}

/** Stored conversation references: written from every inbound activity, read for proactive sends. */
export interface ConversationRefs {
  capture(inbound: Inbound, opts?: { teamChannels?: { id: string }[] }): Promise<void>;
  /** Where to post for an address; for a user without a 1:1 chat yet, creates one. */
  resolve(to: Address): Promise<SendTarget>;
  /** Where a posted message lives, for updating it. */
  forConversation(conversationId: string): Promise<SendTarget>;
  /** Remembers where a message was posted, so it can be updated even after the person's chat reference changes. */
  remember(target: SendTarget): Promise<void>;
  /** The team a stored channel belongs to, and where its Bot Connector is (from the install or a message there). */
  teamOf(channelId: string): Promise<{ teamId: string; serviceUrl: string; tenantId?: string; botId?: string } | null>;
  /**
   * Keeps how to reach a team member found on its roster (by e-mail), unless the person already left a reference:
   * the first message to them then opens a 1:1 chat.
   */
  learnMember(member: { id: string; aadObjectId?: string; name?: string }, via: { serviceUrl: string; tenantId?: string; botId?: string }): Promise<void>;
}

/** The ConversationRef.key of a user (Teams id or Entra object id). */
export const userKey = (id: string) => `user:${id}`;
/** The ConversationRef.key of a channel (its conversation id without a ;messageid= suffix). */
export const channelKey = (id: string) => `channel:${id.split(";")[0]}`;
const conversationKey = (id: string) => `conversation:${id.split(";")[0]}`;

/**
 * Creates the store. References survive restarts in the ConversationRef table; a small in-memory cache skips the
 * write when an activity brings nothing new, so busy conversations cost no database write per message.
 * A serviceUrl is checked against the mode's allow-list when saved and again when read for sending, and rows
 * saved in the other mode are ignored: a reference from local mode never gets the bot's credentials.
 */
export function createConversationRefs(deps: { store: ConversationRefStore; logger: Logger; api: (serviceUrl: string) => ApiClient; mode: TeamsMode; defaultBotId?: string }): ConversationRefs {
  const { store, logger, mode } = deps;
  const authenticated = mode === "authenticated";
  const written = new Map<string, string>();
  const chats = new Map<string, string>();

  // Only rows saved in this mode count; the others are as good as absent.
  const find = async (key: string) => {
    const row = await store.find(PLATFORM, key);
    return row && row.authenticated === authenticated ? row : null;
  };
  function checkedUrl(serviceUrl: string | null, what: string): string {
    if (serviceUrl && serviceUrlAllowed(serviceUrl, mode)) return serviceUrl;
    const message = `refusing to send to ${what}: its stored serviceUrl is not ${authenticated ? "a Microsoft Bot Connector host" : "on this machine"}`;
    logger.error({ serviceUrl }, `teams: ${message}`);
    throw new PlatformError(message, false);
  }

  async function save(key: string, row: { conversationId: string; serviceUrl: string; tenantId?: string; data: RefData }): Promise<void> {
    const fingerprint = JSON.stringify(row);
    if (written.get(key) === fingerprint) return;
    if (!serviceUrlAllowed(row.serviceUrl, mode)) throw new Error(`serviceUrl not allowed in ${mode} mode; reference not saved`);
    const values = { conversationId: row.conversationId, serviceUrl: row.serviceUrl, tenantId: row.tenantId ?? null, data: { ...row.data }, authenticated };
    await store.save(PLATFORM, key, values);
    written.set(key, fingerprint);
  }

  async function saveUser(inbound: Inbound): Promise<void> {
    const { from } = inbound;
    const keys = [userKey(from.id), ...(from.aadObjectId ? [userKey(from.aadObjectId)] : [])];
    // Only a personal chat is a 1:1 conversation; from a channel we learn how to reach the person, not where,
    // so a known 1:1 chat is kept.
    let conversationId = inbound.personal ? inbound.conversationId : chats.get(keys[0]!);
    if (conversationId === undefined)
      conversationId = (await find(keys[0]!))?.conversationId ?? "";
    chats.set(keys[0]!, conversationId);
    const data: RefData = {
      botId: inbound.botId,
      userId: from.id,
      ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}),
      ...(from.name ? { name: from.name } : {}),
    };
    for (const key of keys) await save(key, { conversationId, serviceUrl: inbound.serviceUrl, ...(inbound.tenantId ? { tenantId: inbound.tenantId } : {}), data });
  }

  async function createPersonalChat(key: string, row: { serviceUrl: string; tenantId: string | null; data: RefData }, addressId: string): Promise<string> {
    const botId = row.data.botId ?? deps.defaultBotId;
    const userId = row.data.userId ?? addressId;
    if (!botId) throw new PlatformError(`cannot open a Teams chat with ${addressId}: the bot's id is not known yet`, false);
    const tenantId = row.tenantId ?? undefined;
    const created = await deps.api(checkedUrl(row.serviceUrl, `Teams user ${addressId}`)).conversations.create({
      isGroup: false,
      bot: { id: botId },
      members: [{ id: userId, role: "user" }],
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
    });
    // Every alias of the person (Teams id, Entra id) points at the new chat.
    const aliases = [userKey(userId), ...(row.data.aadObjectId ? [userKey(row.data.aadObjectId)] : []), key];
    await store.repoint(PLATFORM, aliases, created.id, authenticated);
    for (const k of aliases) {
      written.delete(k);
      chats.set(k, created.id);
    }
    logger.info({ user: userId }, "teams: opened a 1:1 chat for proactive messages");
    return created.id;
  }

  function notInstalled(what: string): PlatformError {
    const message = `the app is not installed for ${what} yet: add the Sister Cities app there in Teams (or have them message the bot once), then this is sent on the next try`;
    logger.warn(`teams: ${message}`);
    return new PlatformError(message, false);
  }

  return {
    async capture(inbound, opts = {}) {
      if (!inbound.serviceUrl) return;
      // The endpoint's guard already refused such activities; this keeps a bad URL out of the table regardless.
      if (!serviceUrlAllowed(inbound.serviceUrl, mode)) {
        logger.warn({ serviceUrl: inbound.serviceUrl }, `teams: not saving a conversation reference whose serviceUrl is not allowed in ${mode} mode`);
        return;
      }
      if (inbound.from.id && !inbound.from.isBot) await saveUser(inbound);
      const tenant = inbound.tenantId ? { tenantId: inbound.tenantId } : {};
      const team = inbound.teamId ? { teamId: inbound.teamId } : {};
      const channels = inbound.personal ? [] : [{ id: inbound.baseConversationId }, ...(opts.teamChannels ?? [])];
      for (const c of channels)
        if (c.id) await save(channelKey(c.id), { conversationId: c.id.split(";")[0]!, serviceUrl: inbound.serviceUrl, ...tenant, data: { botId: inbound.botId, ...team } });
    },

    async resolve(to) {
      const key = to.kind === "user" ? userKey(to.id) : channelKey(to.id);
      const what = to.kind === "user" ? `Teams user ${to.id}` : `Teams channel ${to.id}`;
      const row = await find(key);
      if (!row || !row.serviceUrl) throw notInstalled(what);
      const serviceUrl = checkedUrl(row.serviceUrl, what);
      const data = (row.data ?? {}) as RefData;
      const botId = data.botId ?? deps.defaultBotId;
      if (row.conversationId) return { serviceUrl, conversationId: row.conversationId, ...(botId ? { botId } : {}) };
      const conversationId = await createPersonalChat(key, { serviceUrl, tenantId: row.tenantId, data }, to.id);
      return { serviceUrl, conversationId, ...(botId ? { botId } : {}) };
    },

    async remember(target) {
      const conversationId = target.conversationId.split(";")[0]!;
      await save(conversationKey(conversationId), { conversationId, serviceUrl: target.serviceUrl, data: target.botId ? { botId: target.botId } : {} });
    },

    async teamOf(channelId) {
      const row = await find(channelKey(channelId));
      const data = (row?.data ?? {}) as RefData;
      if (!row?.serviceUrl || !data.teamId || !serviceUrlAllowed(row.serviceUrl, mode)) return null;
      return { teamId: data.teamId, serviceUrl: row.serviceUrl, ...(row.tenantId ? { tenantId: row.tenantId } : {}), ...(data.botId ? { botId: data.botId } : {}) };
    },

    async learnMember(member, via) {
      const keys = [userKey(member.id), ...(member.aadObjectId ? [userKey(member.aadObjectId)] : [])];
      for (const key of keys) if (await find(key)) return; // what the person's own activities left is better
      const data: RefData = { userId: member.id, ...(via.botId ? { botId: via.botId } : {}), ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}), ...(member.name ? { name: member.name } : {}) };
      for (const key of keys) await save(key, { conversationId: "", serviceUrl: via.serviceUrl, ...(via.tenantId ? { tenantId: via.tenantId } : {}), data });
    },

    async forConversation(conversationId) {
      const base = conversationId.split(";")[0]!;
      const row = (await find(conversationKey(base))) ?? (await store.findByConversation(PLATFORM, base, authenticated));
      if (!row || !row.serviceUrl) throw notInstalled(`Teams conversation ${conversationId}`);
      const serviceUrl = checkedUrl(row.serviceUrl, `Teams conversation ${conversationId}`);
      const botId = ((row.data ?? {}) as RefData).botId ?? deps.defaultBotId;
      return { serviceUrl, conversationId, ...(botId ? { botId } : {}) };
    },
  };
}
