// An in-memory ChatPlatform that records what the core sent, for use-case tests (adapters have their own fakes).
import type { Platform } from "../../src/domain/actors.js";
import { PlatformError, type Address, type ChatPlatform, type MessageHandle } from "../../src/app/ports.js";
import type { CardView } from "../../src/views/model.js";

export interface Sent {
  to: Address;
  view: CardView;
  handle: MessageHandle;
}

/** Records sends and updates; `failNext` makes the next calls throw a PlatformError. */
export class RecordingPlatform implements ChatPlatform {
  sent: Sent[] = [];
  updates: { ref: MessageHandle; view: CardView }[] = [];
  private failures: PlatformError[] = [];
  private seq = 0;

  constructor(readonly platform: Platform = "slack") {}

  failNext(count: number, retryable = true, retryAfterMs?: number): void {
    for (let i = 0; i < count; i++) this.failures.push(new PlatformError(retryable ? "ratelimited" : "channel_not_found", retryable, retryAfterMs));
  }

  async send(to: Address, view: CardView): Promise<MessageHandle> {
    const f = this.failures.shift();
    if (f) throw f;
    const handle = { platform: this.platform, conversationId: to.id, messageId: `m${++this.seq}` };
    this.sent.push({ to, view, handle });
    return handle;
  }

  async update(ref: MessageHandle, view: CardView): Promise<void> {
    const f = this.failures.shift();
    if (f) throw f;
    this.updates.push({ ref, view });
  }

  /** Everything sent to one user or channel id. */
  to(id: string): Sent[] {
    return this.sent.filter((s) => s.to.id === id);
  }

  /** The newest content of a posted message: the last update, else what was sent. */
  latest(handle: MessageHandle): CardView | undefined {
    const u = [...this.updates].reverse().find((x) => x.ref.messageId === handle.messageId && x.ref.conversationId === handle.conversationId);
    return u?.view ?? this.sent.find((s) => s.handle.messageId === handle.messageId)?.view;
  }
}

/** All text of a card, flattened, for assertions. */
export function cardText(view: CardView | undefined): string {
  if (!view) return "";
  return view.blocks
    .map((b) => {
      switch (b.type) {
        case "header":
        case "text":
          return b.text;
        case "fields":
          return b.fields.map((f) => `${f.label}: ${f.value}`).join("\n");
        case "checklist":
          return b.items.map((i) => `[${i.state}] ${i.label}: ${i.detail}`).join("\n");
        case "actions":
          return b.buttons.map((x) => `(${x.label})`).join(" ");
        default:
          return "";
      }
    })
    .join("\n");
}
