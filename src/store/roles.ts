// PostgreSQL with two roles: an owner that runs migrations (MIGRATION_DATABASE_URL) and the runtime role the bot
// connects as (DATABASE_URL). The runtime role gets only what the bot needs; on the audit log that is SELECT and
// INSERT, so it can neither change nor remove entries, nor disable or drop the triggers (only an owner can).
import type { Logger } from "../logger.js";

/** Tables the runtime role may read and append to, but never change: the audit log and what protects it. */
const APPEND_ONLY: Record<string, string> = {
  AuditEntry: "SELECT, INSERT",
  // Chain heads advance (UPDATE, held forward-only by a trigger) but are never removed.
  AuditChain: "SELECT, INSERT, UPDATE",
  // Written once (insert-if-absent), never changed.
  Setting: "SELECT, INSERT",
  // Read by the start-up check; only the owner migrates.
  _prisma_migrations: "SELECT",
};

/** The user name in a postgres:// URL. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Grants `runtimeRole` its privileges, connected as the owner. Idempotent and cheap, so it runs on every start
 * after migrations (new tables get their grants too). Refuses when the runtime role owns the audit table, since
 * then no grant can hold it back.
 */
export async function grantRuntimeRole(ownerUrl: string, runtimeRole: string, logger: Logger): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: ownerUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const role = client.escapeIdentifier(runtimeRole);
    const { rows } = await client.query<{ schema: string; owner: string | null }>(
      `SELECT current_schema() AS schema, (SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = to_regclass('"AuditEntry"')) AS owner`,
    );
    const schema = client.escapeIdentifier(rows[0]!.schema);
    const owner = rows[0]!.owner;
    if (owner === runtimeRole)
      throw new Error(`the runtime role ${runtimeRole} (DATABASE_URL) owns the audit table; use a separate owner role in MIGRATION_DATABASE_URL (see README "Database roles")`);
    // A superuser ignores every privilege, and a member of the owner role can SET ROLE to it: no grant would hold.
    const { rows: power } = await client.query<{ superuser: boolean | null; member: boolean | null }>(
      `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = $1) AS superuser, CASE WHEN $2::text IS NULL THEN false ELSE pg_has_role($1, $2::text, 'MEMBER') END AS member`,
      [runtimeRole, owner],
    );
    if (power[0]?.superuser === null) throw new Error(`the runtime role ${runtimeRole} (DATABASE_URL) does not exist`);
    if (power[0]?.superuser) throw new Error(`the runtime role ${runtimeRole} (DATABASE_URL) is a superuser, which no privilege restricts; use an ordinary role`);
    if (power[0]?.member) throw new Error(`the runtime role ${runtimeRole} (DATABASE_URL) is a member of the owner role ${owner ?? ""}, so it could act as the owner; use a role outside it`);
    await client.query("BEGIN");
    await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await client.query(`REVOKE CREATE ON SCHEMA ${schema} FROM ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
    for (const [table, privileges] of Object.entries(APPEND_ONLY)) {
      const t = client.escapeIdentifier(table);
      await client.query(`REVOKE ALL ON ${schema}.${t} FROM ${role}`);
      await client.query(`GRANT ${privileges} ON ${schema}.${t} TO ${role}`);
    }
    await client.query("COMMIT");
    logger.debug({ role: runtimeRole }, "runtime database role granted its privileges");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}
