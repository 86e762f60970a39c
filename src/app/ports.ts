import type { Platform } from "../domain/actors.js";
import type { CardView } from "../views/model.js";

/** Where a message goes on one platform: a user (direct message) or a channel. */
export interface Address {
  platform: Platform;
  kind: "user" | "channel";
  id: string;
}

/** A message the bot posted, so it can be updated in place later. */
export interface MessageHandle {
  platform: Platform;
  conversationId: string;
  messageId: string;
}

/** Outbound port each adapter implements. */
export interface ChatPlatform {
  readonly platform: Platform;
  send(to: Address, view: CardView): Promise<MessageHandle>;
  update(ref: MessageHandle, view: CardView): Promise<void>;
  /**
   * The user id of the person with this e-mail on the platform, or null when it knows nobody by it; throws a
   * PlatformError when it could not ask. Optional: a platform that cannot look people up leaves it out.
   */
  findPersonByEmail?(email: string): Promise<string | null>;
}

/** A failed platform call; `retryable` says whether trying again later can succeed. */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "PlatformError";
  }
}

/** A send refused because the platform knows no user by that id (deleted, or the id changed): worth looking the person up again. */
export class UnknownRecipient extends PlatformError {
  constructor(message: string) {
    super(message, false);
    this.name = "UnknownRecipient";
  }
}

/** A stored conversation reference: how to reach a person or channel on one platform later (proactive messages). */
export interface ConversationRefRow {
  conversationId: string;
  serviceUrl: string | null;
  tenantId: string | null;
  data: Record<string, unknown>;
  /** True when the request that left it was verified (a platform token); unverified rows never get credentials. */
  authenticated: boolean;
}

/**
 * Where an adapter keeps its conversation references, keyed by platform and its own key; the core stores them so
 * every replica sees the same, and adapters never touch the database.
 */
export interface ConversationRefStore {
  save(platform: string, key: string, row: ConversationRefRow): Promise<void>;
  find(platform: string, key: string): Promise<ConversationRefRow | null>;
  /** The first reference of `platform` that names this conversation and knows where to send. */
  findByConversation(platform: string, conversationId: string, authenticated: boolean): Promise<ConversationRefRow | null>;
  /** Points every one of `keys` saved with the same `authenticated` at `conversationId` (a new 1:1 chat for all of a person's aliases). */
  repoint(platform: string, keys: string[], conversationId: string, authenticated: boolean): Promise<void>;
  /** The distinct tenants named by `platform`'s references saved with this `authenticated` (for setup checks). */
  tenants(platform: string, authenticated: boolean): Promise<string[]>;
}
