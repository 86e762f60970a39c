import type { Activity } from "@microsoft/teams.api";
import type { Actor, Directory } from "../../src/domain/actors.js";
import { cleanDisplayName } from "../../src/domain/display-name.js";

/** What the adapter needs from any inbound activity, read once. */
export interface Inbound {
  id: string;
  serviceUrl: string;
  tenantId?: string;
  /** The conversation as Teams names it; in a channel thread it ends with ";messageid=…". */
  conversationId: string;
  /** The conversation without the thread suffix: the channel or chat itself. */
  baseConversationId: string;
  personal: boolean;
  botId: string;
  teamId?: string;
  from: { id: string; aadObjectId?: string; name?: string; isBot: boolean };
  replyToId?: string;
}

/** Reads the fields every handler needs; Teams sends the tenant in channelData, other channels on the conversation. */
export function readInbound(a: Activity): Inbound {
  const name = cleanDisplayName(a.from?.name);
  const conversationId = a.conversation?.id ?? "";
  const tenantId = a.channelData?.tenant?.id ?? a.conversation?.tenantId;
  const teamId = a.channelData?.team?.id;
  return {
    id: a.id,
    serviceUrl: (a.serviceUrl ?? "").replace(/\/+$/, ""),
    ...(tenantId ? { tenantId } : {}),
    conversationId,
    baseConversationId: conversationId.split(";")[0] ?? conversationId,
    personal: a.conversation?.conversationType === "personal",
    botId: a.recipient?.id ?? "",
    ...(teamId ? { teamId } : {}),
    from: {
      id: a.from?.id ?? "",
      ...(a.from?.aadObjectId ? { aadObjectId: a.from.aadObjectId } : {}),
      ...(name ? { name } : {}),
      isBot: a.from?.role === "bot",
    },
    ...(a.replyToId ? { replyToId: a.replyToId } : {}),
  };
}

/**
 * The person behind an activity. The policy may list a Teams person by the "29:…" id or by the Entra object id;
 * whichever is on the roster is used, so roles resolve either way.
 */
export function actorOf(inbound: Inbound, directory: Directory): Actor {
  const name = inbound.from.name ? { name: inbound.from.name } : {};
  const byId: Actor = { platform: "teams", userId: inbound.from.id, ...name };
  if (directory.person(directory.resolve(byId).personId) || !inbound.from.aadObjectId) return byId;
  const byAad: Actor = { platform: "teams", userId: inbound.from.aadObjectId, ...name };
  return directory.person(directory.resolve(byAad).personId) ? byAad : byId;
}

/** The message text without "<at>Bot</at>" mentions, which Teams puts in channel and group-chat messages. */
export function commandText(text: string | undefined): string {
  return (text ?? "")
    .replace(/<at>[^<]*<\/at>/gi, " ")
    .replace(/&nbsp;|\u00a0/g, " ")
    .trim();
}

/** True when the message @mentions this bot. */
export function mentionsBot(a: Activity): boolean {
  const botId = a.recipient?.id;
  return (a.entities ?? []).some((e) => e.type === "mention" && "mentioned" in e && (e.mentioned as { id?: string } | undefined)?.id === botId);
}
