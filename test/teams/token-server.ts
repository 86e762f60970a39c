// A loopback stand-in for Microsoft's Bot Framework key server (OpenID metadata + JWKS), and a signer for tokens
// like the ones Teams sends, so the endpoint's token checks run for real with keys the test owns.
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import { SignJWT } from "jose";

/** The claims a test may change; the defaults make a good Bot Framework channel token. */
export interface TokenClaims {
  iss?: string;
  aud?: string;
  serviceurl?: string;
  /** Seconds since the epoch. */
  exp?: number;
  nbf?: number;
  kid?: string;
  /** Sign with another key than the one the server publishes. */
  foreignKey?: boolean;
}

/** The key server and signer. */
export class TokenServer {
  readonly kid = "test-key-1";
  private readonly keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private readonly foreign = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private server: Server | null = null;
  /** The OpenID metadata URL to inject into the adapter. */
  metadataUrl = "";
  /** How many times the metadata and the keys were fetched. */
  fetches = { metadata: 0, keys: 0 };

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const base = this.metadataUrl.replace(/\/openidconfiguration$/, "");
      if (req.url === "/v1/.well-known/openidconfiguration") {
        this.fetches.metadata++;
        res.writeHead(200, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ issuer: "https://api.botframework.com", jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ["RS256"] }));
      }
      if (req.url === "/v1/.well-known/keys") {
        this.fetches.keys++;
        const jwk = this.keys.publicKey.export({ format: "jwk" });
        res.writeHead(200, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ keys: [{ ...jwk, kid: this.kid, use: "sig", alg: "RS256", endorsements: ["msteams"] }] }));
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const addr = this.server.address();
    this.metadataUrl = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/v1/.well-known/openidconfiguration`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** A signed token for `clientId` and `serviceUrl`, with any claim overridden. */
  async sign(clientId: string, serviceUrl: string, over: TokenClaims = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const key: KeyObject = over.foreignKey ? this.foreign.privateKey : this.keys.privateKey;
    return await new SignJWT({ serviceurl: over.serviceurl ?? serviceUrl })
      .setProtectedHeader({ alg: "RS256", kid: over.kid ?? this.kid, typ: "JWT" })
      .setIssuer(over.iss ?? "https://api.botframework.com")
      .setAudience(over.aud ?? clientId)
      .setIssuedAt(now - 10)
      .setNotBefore(over.nbf ?? now - 10)
      .setExpirationTime(over.exp ?? now + 3600)
      .sign(key);
  }
}
