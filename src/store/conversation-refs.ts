import type { ConversationRefRow, ConversationRefStore } from "../app/ports.js";
import type { Db } from "./db.js";
import { isPrismaError } from "./store.js";

const rowOf = (r: { conversationId: string; serviceUrl: string | null; tenantId: string | null; data: unknown; authenticated: boolean }): ConversationRefRow => ({
  conversationId: r.conversationId,
  serviceUrl: r.serviceUrl,
  tenantId: r.tenantId,
  data: r.data && typeof r.data === "object" ? (r.data as Record<string, unknown>) : {},
  authenticated: r.authenticated,
});

/** The ConversationRef table behind the ConversationRefStore port. */
export function createConversationRefStore(db: Db): ConversationRefStore {
  return {
    async save(platform, key, row) {
      const values = { conversationId: row.conversationId, serviceUrl: row.serviceUrl, tenantId: row.tenantId, data: { ...row.data } as object, authenticated: row.authenticated };
      for (let attempt = 1; ; attempt++) {
        try {
          await db.conversationRef.upsert({ where: { platform_key: { platform, key } }, create: { platform, key, ...values }, update: values });
          return;
        } catch (e) {
          // Two activities from one person at once can both try to create the row; the second then updates it.
          if (attempt >= 3 || !isPrismaError(e, "P2002")) throw e;
        }
      }
    },
    async find(platform, key) {
      const r = await db.conversationRef.findUnique({ where: { platform_key: { platform, key } } });
      return r ? rowOf(r) : null;
    },
    async findByConversation(platform, conversationId, authenticated) {
      const r = await db.conversationRef.findFirst({ where: { platform, conversationId, serviceUrl: { not: null }, authenticated } });
      return r ? rowOf(r) : null;
    },
    async tenants(platform, authenticated) {
      const rows = await db.conversationRef.findMany({ where: { platform, authenticated, tenantId: { not: null } }, select: { tenantId: true }, distinct: ["tenantId"] });
      return rows.flatMap((r) => (r.tenantId ? [r.tenantId] : []));
    },
    async repoint(platform, keys, conversationId, authenticated) {
      await db.conversationRef.updateMany({ where: { platform, key: { in: [...new Set(keys)] }, authenticated }, data: { conversationId } });
    },
  };
}
