// A loopback fake of Slack's Socket Mode endpoint: a minimal RFC 6455 WebSocket server that says hello, sends
// envelopes (slash commands, interactivity, events) and collects the client's acknowledgements.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { Duplex } from "node:stream";

type J = Record<string, unknown>;

function frame(text: string): Buffer {
  const data = Buffer.from(text);
  const len = data.length;
  const head = len < 126 ? Buffer.from([0x81, len]) : len < 65536 ? Buffer.from([0x81, 126, len >> 8, len & 255]) : Buffer.concat([Buffer.from([0x81, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(len)); return b; })()]);
  return Buffer.concat([head, data]);
}

/** Parses complete client frames from `buf`; returns the frames and the unconsumed rest. */
function parse(buf: Buffer): { frames: { op: number; data: Buffer }[]; rest: Buffer } {
  const frames: { op: number; data: Buffer }[] = [];
  let at = 0;
  for (;;) {
    if (buf.length - at < 2) break;
    const op = buf[at]! & 0x0f;
    const masked = (buf[at + 1]! & 0x80) !== 0;
    let len = buf[at + 1]! & 0x7f;
    let p = at + 2;
    if (len === 126) {
      if (buf.length < p + 2) break;
      len = buf.readUInt16BE(p);
      p += 2;
    } else if (len === 127) {
      if (buf.length < p + 8) break;
      len = Number(buf.readBigUInt64BE(p));
      p += 8;
    }
    const maskLen = masked ? 4 : 0;
    if (buf.length < p + maskLen + len) break;
    const mask = masked ? buf.subarray(p, p + 4) : null;
    const data = Buffer.from(buf.subarray(p + maskLen, p + maskLen + len));
    if (mask) for (let i = 0; i < data.length; i++) data[i]! ^= mask[i % 4]!;
    frames.push({ op, data });
    at = p + maskLen + len;
  }
  return { frames, rest: buf.subarray(at) };
}

/** The fake Socket Mode server. */
export class FakeSocket {
  acks: J[] = [];
  private server: Server | null = null;
  private socket: Duplex | null = null;
  private waiters: { id: string; resolve: (ack: J) => void }[] = [];
  private connected: (() => void) | null = null;
  readonly ready = new Promise<void>((r) => (this.connected = r));
  url = "";

  async start(): Promise<void> {
    this.server = createServer((_req, res) => res.writeHead(426).end());
    this.server.on("upgrade", (req, socket) => {
      const key = String(req.headers["sec-websocket-key"] ?? "");
      const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      this.socket = socket;
      let pending: Buffer = Buffer.alloc(0);
      socket.on("data", (chunk: Buffer) => {
        const { frames, rest } = parse(Buffer.concat([pending, chunk]));
        pending = rest;
        for (const f of frames) {
          if (f.op === 0x9) socket.write(Buffer.concat([Buffer.from([0x8a, f.data.length]), f.data]));
          else if (f.op === 0x8) socket.end(Buffer.from([0x88, 0]));
          else if (f.op === 0x1) this.onMessage(JSON.parse(f.data.toString()) as J);
        }
      });
      socket.on("error", () => undefined);
      socket.write(frame(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0SISTER" }, debug_info: { host: "fake" } })));
      this.connected?.();
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", () => r()));
    const addr = this.server.address();
    this.url = `ws://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/link`;
  }

  private onMessage(msg: J): void {
    this.acks.push(msg);
    const i = this.waiters.findIndex((w) => w.id === msg.envelope_id);
    if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(msg);
  }

  /** Sends an envelope and resolves with the client's acknowledgement. */
  send(type: "slash_commands" | "interactive" | "events_api", payload: J): Promise<J> {
    const id = `env-${Math.random().toString(36).slice(2)}`;
    const acked = new Promise<J>((resolve) => this.waiters.push({ id, resolve }));
    this.socket?.write(frame(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: type !== "events_api", retry_attempt: 0, retry_reason: "" })));
    return acked;
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
