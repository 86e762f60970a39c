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
