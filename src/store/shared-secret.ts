import { randomBytes } from "node:crypto";
import type { Db } from "./db.js";
import { isPrismaError } from "./store.js";

/**
 * A signing key every replica shares and that survives restarts: the configured value when there is one,
 * otherwise 32 random bytes generated once and kept in the Setting table. Insert-if-absent, so of two replicas
 * starting at once, the first insert wins and both read the same key.
 */
export async function sharedSecret(db: Db, key: string, configured?: string): Promise<Buffer> {
  if (configured) return Buffer.from(configured, "utf8");
  const existing = await db.setting.findUnique({ where: { key } });
  if (existing) return Buffer.from(existing.value, "base64");
  try {
    await db.setting.create({ data: { key, value: randomBytes(32).toString("base64") } });
  } catch (e) {
    if (!isPrismaError(e, "P2002")) throw e; // another replica stored it first: use theirs
  }
  const stored = await db.setting.findUniqueOrThrow({ where: { key } });
  return Buffer.from(stored.value, "base64");
}
