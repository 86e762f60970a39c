// Where the bot may send Teams replies. Every activity names a serviceUrl and proactive messages go there later
// with the bot's bearer token, so a forged one would hand the token to whoever runs that host.

/** How the Teams endpoint runs: with checked tokens (real Teams) or for local tools on this machine. */
export type TeamsMode = "local" | "authenticated";

// Microsoft's documented Bot Connector hosts for Teams: public cloud (regional paths such as /amer/, /emea/,
// /teams/), GCC, GCC High and DoD. Other Bot Framework channels live under botframework.com.
const TEAMS_HOSTS = new Set(["smba.trafficmanager.net", "smba.infra.gcc.teams.microsoft.com", "smba.infra.gov.teams.microsoft.us", "smba.infra.dod.teams.microsoft.us"]);
const CHANNEL_SUFFIX = ".botframework.com";

/** True for 127.0.0.0/8, ::1 and localhost (URL hostnames put IPv6 in brackets). */
function loopbackHost(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * True when replies may go to `serviceUrl` in this mode: a Microsoft Bot Connector host over HTTPS (default port,
 * no credentials in the URL) when authenticated; only this machine in local mode.
 */
export function serviceUrlAllowed(serviceUrl: string, mode: TeamsMode): boolean {
  let u: URL;
  try {
    u = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  const host = u.hostname.toLowerCase();
  if (mode === "local") return (u.protocol === "http:" || u.protocol === "https:") && loopbackHost(host);
  if (u.protocol !== "https:" || u.port !== "") return false;
  return TEAMS_HOSTS.has(host) || (host.endsWith(CHANNEL_SUFFIX) && host.length > CHANNEL_SUFFIX.length);
}
