#!/usr/bin/env node
// Builds the Teams app package (dist/teams-app.zip): manifests/teams/manifest.json with the bot's id filled in,
// plus color.png and outline.png. Uses node:zlib only, so packaging needs no extra npm package.
//
//   node scripts/teams-package.mjs                 # zip, bot id from TEAMS_CLIENT_ID (or a placeholder)
//   node scripts/teams-package.mjs --out <file>    # zip somewhere else
//   node scripts/teams-package.mjs --icons         # (re)draw the two icons into manifests/teams/
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync, deflateSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = join(root, "manifests/teams");
const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
/** Stands for the bot id in the committed manifest, which must stay valid against the schema. */
export const PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000";

// ---- CRC-32 (PNG chunks and zip entries use the same polynomial) ----------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** CRC-32 of a buffer. */
export function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---- PNG -----------------------------------------------------------------------------------------------------
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGBA PNG from a pixel function (x, y) → [r, g, b, a]. */
export function png(width, height, pixel) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 4); // filter byte 0: none
    for (let x = 0; x < width; x++) Buffer.from(pixel(x, y)).copy(row, 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** Two linked rings (two cities), as coverage 0..1 at a point of a unit square, 4×4 supersampled by the caller. */
function rings(u, v, stroke) {
  const ring = (cx, cy) => {
    const d = Math.hypot(u - cx, v - cy);
    return Math.abs(d - 0.22) <= stroke / 2;
  };
  return ring(0.37, 0.5) || ring(0.63, 0.5);
}

function coverage(x, y, size, stroke) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (rings((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size, stroke)) hits++;
  return hits / 16;
}

/** The 192×192 color icon: white rings on the accent color. */
export function colorIcon() {
  const [r, g, b] = [0x1f, 0x6f, 0x8b];
  return png(192, 192, (x, y) => {
    const a = coverage(x, y, 192, 0.07);
    return [Math.round(r + (255 - r) * a), Math.round(g + (255 - g) * a), Math.round(b + (255 - b) * a), 255];
  });
}

/** The 32×32 outline icon: white rings on transparent, as Teams requires. */
export function outlineIcon() {
  return png(32, 32, (x, y) => [255, 255, 255, Math.round(255 * coverage(x, y, 32, 0.1))]);
}

// ---- zip -----------------------------------------------------------------------------------------------------
/** A zip archive (deflate) of { name, data } entries, with a fixed timestamp so the same input gives the same bytes. */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (2026 - 1980) << 9 | 1 << 5 | 1; // 2026-01-01
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, "utf8");
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42); // extra, comment, disk, attributes stay 0
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// ---- the package ---------------------------------------------------------------------------------------------
/** The manifest with the bot's id (and the app's id) filled in. */
export function manifestFor(botId, appId = botId) {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  manifest.id = appId;
  for (const bot of manifest.bots ?? []) bot.botId = botId;
  for (const ext of manifest.composeExtensions ?? []) ext.botId = botId;
  return manifest;
}

function main(argv, env) {
  if (argv.includes("--icons")) {
    writeFileSync(join(dir, "color.png"), colorIcon());
    writeFileSync(join(dir, "outline.png"), outlineIcon());
    process.stdout.write(`wrote ${join("manifests/teams", "color.png")} and outline.png\n`);
    return 0;
  }
  const botId = (env.TEAMS_CLIENT_ID ?? "").trim() || PLACEHOLDER_ID;
  const appId = (env.TEAMS_APP_ID ?? "").trim() || botId;
  for (const [name, value] of [["TEAMS_CLIENT_ID", botId], ["TEAMS_APP_ID", appId]])
    if (!GUID.test(value)) {
      process.stderr.write(`${name} must be a GUID such as ${PLACEHOLDER_ID} (the Entra app / bot id); got "${value}"\n`);
      return 1;
    }
  const at = argv.indexOf("--out");
  const out = at >= 0 && argv[at + 1] ? resolve(argv[at + 1]) : join(root, "dist/teams-app.zip");
  const entries = [
    { name: "manifest.json", data: Buffer.from(`${JSON.stringify(manifestFor(botId, appId), null, 2)}\n`, "utf8") },
    { name: "color.png", data: readFileSync(join(dir, "color.png")) },
    { name: "outline.png", data: readFileSync(join(dir, "outline.png")) },
  ];
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip(entries));
  if (botId === PLACEHOLDER_ID) process.stderr.write("TEAMS_CLIENT_ID is not set: the package carries a placeholder bot id and will not reach your bot.\n");
  process.stdout.write(`wrote ${out} (bot ${botId})\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2), process.env);
