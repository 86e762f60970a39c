// Checks the Bot Framework token on every inbound activity ourselves, before the Teams SDK sees it. The SDK 2.1.0
// picks its validator from the token's unverified issuer and also accepts Entra tokens from any tenant without
// the serviceurl check, so the bot accepts exactly one kind of token: a Bot Framework channel token for this bot.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";

/** Microsoft's OpenID metadata for Bot Framework channel tokens (its jwks_uri lists the signing keys). */
export const BOT_FRAMEWORK_OPENID_METADATA = "https://login.botframework.com/v1/.well-known/openidconfiguration";
/** The issuer of every token the Bot Framework channel service (Teams) sends a bot. */
export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";
// Bot Framework's documented clock skew allowance.
const CLOCK_TOLERANCE_SECONDS = 300;

/** The checked claims the adapter needs. */
export interface BotTokenClaims {
  serviceUrl: string;
  appId: string;
  expiresAt?: number;
}

/** A token was refused; `reason` is for the log, never for the caller. */
export class BotTokenError extends Error {}

/** Checks an Authorization header against the activity it came with. */
export type BotTokenValidator = (authorization: string | undefined, serviceUrl: string | undefined) => Promise<BotTokenClaims>;

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();

/**
 * Creates the validator for the bot's client id. `openIdMetadataUrl` is Microsoft's unless a test injects a local
 * key server; it is not configurable from the environment, so no deployment can point it elsewhere.
 */
export function createBotTokenValidator(opts: { clientId: string; openIdMetadataUrl?: string }): BotTokenValidator {
  const metadataUrl = opts.openIdMetadataUrl ?? BOT_FRAMEWORK_OPENID_METADATA;
  // The metadata names the key set; it is fetched once and again after a failure. jose caches the keys and
  // refetches them (with a cooldown) when a token names a key it has not seen, as happens after Microsoft rotates.
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keySet = () =>
    (keys ??= (async () => {
      const res = await fetch(metadataUrl, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new BotTokenError(`OpenID metadata answered ${res.status}`);
      const meta = (await res.json()) as { jwks_uri?: unknown };
      if (typeof meta.jwks_uri !== "string") throw new BotTokenError("OpenID metadata has no jwks_uri");
      return createRemoteJWKSet(new URL(meta.jwks_uri));
    })().catch((e: unknown) => {
      keys = undefined;
      throw e;
    }));

  return async (authorization, serviceUrl) => {
    const token = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization ?? "")?.[1];
    if (!token) throw new BotTokenError("no Bearer token");
    if (!serviceUrl) throw new BotTokenError("the activity has no serviceUrl");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await keySet(), {
        issuer: BOT_FRAMEWORK_ISSUER,
        audience: opts.clientId,
        algorithms: ["RS256"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ["exp"],
      }));
    } catch (e) {
      throw new BotTokenError(e instanceof Error ? e.message : String(e));
    }
    // The claim binds the token to where replies go: a stolen token cannot send the bot's replies elsewhere.
    const claimed = payload.serviceurl;
    if (typeof claimed !== "string" || !sameUrl(claimed, serviceUrl)) throw new BotTokenError("the token's serviceurl claim does not match the activity's serviceUrl");
    return { serviceUrl, appId: opts.clientId, ...(payload.exp ? { expiresAt: payload.exp * 1000 } : {}) };
  };
}
