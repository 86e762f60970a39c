import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, inflateRawSync, inflateSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { teamsManifestProblems } from "../support/adaptive-card-oracle.js";

type J = Record<string, unknown>;
const dir = "manifests/teams";
const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as J;
const tmp = mkdtempSync(join(tmpdir(), "sc-teams-pkg-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Width, height, colour type and RGBA rows of a PNG (8-bit, unfiltered rows as the packager writes them). */
function readPng(buf: Buffer): { width: number; height: number; colorType: number; pixels: number[][] } {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let ihdr: Buffer | null = null;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString("ascii", at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    expect(buf.readUInt32BE(at + 8 + len), `${type} CRC`).toBe(crc32(buf.subarray(at + 4, at + 8 + len)));
    if (type === "IHDR") ihdr = data;
    if (type === "IDAT") idat.push(data);
    at += 12 + len;
  }
  const width = ihdr!.readUInt32BE(0);
  const height = ihdr!.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(idat));
  const pixels: number[][] = [];
  for (let y = 0; y < height; y++) {
    const row = raw.subarray(y * (width * 4 + 1), (y + 1) * (width * 4 + 1));
    expect(row[0], "filter type").toBe(0);
    for (let x = 0; x < width; x++) pixels.push([...row.subarray(1 + x * 4, 5 + x * 4)]);
  }
  return { width, height, colorType: ihdr![9]!, pixels };
}

/** The entries of a zip, checked against their CRC-32 and sizes. */
function readZip(buf: Buffer): Map<string, Buffer> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(at)).toBe(0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const packed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLen);
    expect(buf.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = method === 8 ? inflateRawSync(buf.subarray(start, start + packed)) : buf.subarray(start, start + packed);
    expect(data.length, name).toBe(size);
    expect(crc32(data), name).toBe(crc);
    out.set(name, data);
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

function pack(env: Record<string, string>, out = join(tmp, "teams-app.zip")) {
  const r = spawnSync(process.execPath, ["scripts/teams-package.mjs", "--out", out], { env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out };
}

describe("Teams app manifest and package", () => {
  it("the manifest is valid against the official v1.29 schema", () => {
    expect(teamsManifestProblems(manifest)).toEqual([]);
    expect(manifest.manifestVersion).toBe("1.29");
  });

  it("declares the bot in personal, team and group-chat scope with its commands, and the message-extension action", () => {
    const bot = (manifest.bots as J[])[0]!;
    expect(bot.scopes).toEqual(["personal", "team", "groupChat"]);
    const commands = ((bot.commandLists as J[])[0]!.commands as J[]).map((c) => c.title);
    expect(commands).toEqual(["apply", "status", "list", "help"]);
    const ext = (manifest.composeExtensions as J[])[0]!;
    expect(ext.commands).toEqual([expect.objectContaining({ id: "apply", type: "action", fetchTask: true, context: ["commandBox", "compose", "message"] })]);
  });

  it("has a 192×192 color icon and a 32×32 outline icon that is white on transparent", () => {
    const color = readPng(readFileSync(join(dir, "color.png")));
    expect([color.width, color.height, color.colorType]).toEqual([192, 192, 6]);
    expect(color.pixels.every((p) => p[3] === 255)).toBe(true);
    const outline = readPng(readFileSync(join(dir, "outline.png")));
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    expect(outline.pixels.every(([r, g, b, a]) => a === 0 || (r === 255 && g === 255 && b === 255))).toBe(true);
    expect(outline.pixels.some((p) => p[3] === 0)).toBe(true);
    expect(outline.pixels.some((p) => p[3] === 255)).toBe(true);
  });

  it("packages manifest and icons into a zip with the bot id from TEAMS_CLIENT_ID, byte for byte the same each time", () => {
    const id = "5c1a7e0d-2b4f-4c6e-9a8b-0123456789ab";
    const r = pack({ TEAMS_CLIENT_ID: id });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`bot ${id}`);
    const first = readFileSync(r.out);
    const files = readZip(first);
    expect([...files.keys()]).toEqual(["manifest.json", "color.png", "outline.png"]);
    const packed = JSON.parse(files.get("manifest.json")!.toString("utf8")) as J;
    expect(teamsManifestProblems(packed)).toEqual([]);
    expect(packed.id).toBe(id);
    expect((packed.bots as J[])[0]!.botId).toBe(id);
    expect((packed.composeExtensions as J[])[0]!.botId).toBe(id);
    expect(files.get("color.png")).toEqual(readFileSync(join(dir, "color.png")));
    expect(files.get("outline.png")).toEqual(readFileSync(join(dir, "outline.png")));
    expect(readFileSync(pack({ TEAMS_CLIENT_ID: id }).out)).toEqual(first);
  });

  it("uses a placeholder id (and says so) without TEAMS_CLIENT_ID, and refuses an id that is not a GUID", () => {
    const r = pack({}, join(tmp, "placeholder.zip"));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("placeholder bot id");
    expect((JSON.parse(readZip(readFileSync(r.out)).get("manifest.json")!.toString("utf8")) as J).id).toBe("00000000-0000-0000-0000-000000000000");
    const bad = pack({ TEAMS_CLIENT_ID: "my-bot" }, join(tmp, "bad.zip"));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("TEAMS_CLIENT_ID must be a GUID");
  });
});
