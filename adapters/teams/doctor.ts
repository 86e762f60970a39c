// `npm run doctor`, Teams part: the credentials get a Bot Framework token, the commission channel's conversation
// reference is stored, stored references come from the configured tenant, and each person can be reached.
import { check, type Check, type PlatformDoctorInput, type PlatformReport } from "../../src/doctor/check.js";
import type { ConversationRefStore } from "../../src/app/ports.js";
import { channelKey, TEAMS_REFS_PLATFORM, userKey } from "./conversation-refs.js";
import { teamsSettings } from "./settings.js";

const NAME = "Teams";

/** The Entra token endpoint for the bot's credentials: the bot's tenant when single-tenant, else botframework.com. */
export function teamsTokenUrl(tenantId: string | undefined): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenantId ?? "botframework.com")}/oauth2/v2.0/token`;
}

// Asks Entra for a token the way the Teams SDK does before it posts (client credentials, Bot Framework scope).
async function tokenCheck(clientId: string, clientSecret: string, url: string): Promise<Check> {
  const label = "Teams: credentials";
  const fix = "check TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET (create a new secret under the app registration's Certificates & secrets if it expired) and, for a single-tenant bot, TEAMS_TENANT_ID";
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope: "https://api.botframework.com/.default" }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown; error_description?: unknown };
    if (res.ok && typeof body.access_token === "string") return check(label, "ok", "the app's credentials get a Bot Framework token");
    const why = typeof body.error_description === "string" ? body.error_description.split(/\r?\n/)[0] : typeof body.error === "string" ? body.error : `HTTP ${res.status}`;
    return check(label, "fail", `Microsoft Entra refused the credentials: ${why}`, fix);
  } catch (e) {
    return check(label, "fail", `cannot reach Microsoft Entra: ${e instanceof Error ? e.message : String(e)}`, "check that this machine can reach login.microsoftonline.com (proxy, firewall)");
  }
}

async function channelCheck(db: ConversationRefStore | null, channel: string | undefined, tenantId: string | undefined): Promise<{ check: Check; usable: boolean }> {
  const label = "Teams: commission channel";
  if (!channel)
    return { usable: false, check: check(label, "warn", "none set (channels.teams in the policy), so commission cards are not posted in Teams", "add the app to the commission's team and put the channel's id (19:…, logged at install) under channels.teams") };
  if (!db) return { usable: false, check: check(label, "warn", "not checked: the database is not usable (see the Database line)") };
  const row = await db.find(TEAMS_REFS_PLATFORM, channelKey(channel));
  if (!row?.serviceUrl || !row.authenticated)
    return {
      usable: false,
      check: check(label, "fail", `no conversation reference is stored for ${channel}: the app has not been added to that channel's team, or the id is wrong`, "add the Sister Cities app to the commission's team (or @mention the bot in the channel once), and compare channels.teams with the id logged at install"),
    };
  if (tenantId && row.tenantId && row.tenantId !== tenantId)
    return { usable: false, check: check(label, "fail", `the reference for ${channel} is from tenant ${row.tenantId}, not TEAMS_TENANT_ID ${tenantId}`, "set TEAMS_TENANT_ID to the city's tenant, or use a channel of the city's own team") };
  return { usable: true, check: check(label, "ok", `the reference for ${channel} is stored (the app is in its team)`) };
}

async function tenantCheck(db: ConversationRefStore, tenantId: string | undefined): Promise<Check> {
  const label = "Teams: tenant";
  const tenants = await db.tenants(TEAMS_REFS_PLATFORM, true);
  if (tenants.length === 0) return check(label, "ok", "no stored reference names a tenant yet");
  if (!tenantId) {
    if (tenants.length > 1) return check(label, "warn", `TEAMS_TENANT_ID is not set and stored references come from ${tenants.length} tenants (${tenants.join(", ")})`, "set TEAMS_TENANT_ID to the city's tenant for a single-tenant bot");
    return check(label, "ok", `TEAMS_TENANT_ID is not set (multi-tenant); stored references come from ${tenants[0]}`);
  }
  const others = tenants.filter((t) => t !== tenantId);
  return others.length === 0
    ? check(label, "ok", `stored references come from TEAMS_TENANT_ID ${tenantId}`)
    : check(label, "fail", `stored references come from other tenants (${others.join(", ")}) than TEAMS_TENANT_ID ${tenantId}`, "set TEAMS_TENANT_ID to the tenant id shown in the Entra admin center (Overview) of the city's organisation");
}

/** Checks Teams' live setup. */
export async function teamsDoctor(input: PlatformDoctorInput): Promise<PlatformReport> {
  const { config, conversations: db } = input;
  const t = teamsSettings(config.platformEnv);
  const report: PlatformReport = { displayName: NAME, connected: false, checks: [], reach: {}, commissionChannel: false };
  if (t.mode !== "authenticated" || !t.clientId || !t.clientSecret) {
    report.checks.push(check(NAME, "ok", "not connected, skipped: without TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET only the local Agents Playground can talk to the bot (set both to connect Teams)"));
    return report;
  }
  report.connected = true;
  report.usesDownloadLinks = true; // `export` answers with links to PUBLIC_URL/exports/…
  report.checks.push(await tokenCheck(t.clientId, t.clientSecret, t.tokenUrl ?? teamsTokenUrl(t.tenantId)));
  const channel = await channelCheck(db, config.policy.channels.teams, t.tenantId);
  report.checks.push(channel.check);
  report.commissionChannel = channel.usable;
  if (!db) return report;
  report.checks.push(await tenantCheck(db, t.tenantId));
  for (const p of input.people) {
    const row = await db.find(TEAMS_REFS_PLATFORM, userKey(p.userId));
    // References saved by the local Playground are never used with credentials, so they do not count here.
    report.reach[p.personId] = row?.serviceUrl && row.authenticated
      ? { reachable: true, detail: `Teams user ${p.userId}` }
      : { reachable: false, detail: `the app is not installed for ${p.userId} yet (they open the Sister Cities app or message the bot once; or check the id)` };
  }
  return report;
}
