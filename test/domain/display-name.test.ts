import { describe, expect, it } from "vitest";
import { cleanDisplayName, MAX_DISPLAY_NAME } from "../../src/domain/display-name.js";
import { withoutPayload } from "../../src/logger.js";

describe("display names", () => {
  it("drops control and bidi-control characters and collapses the gaps", () => {
    expect(cleanDisplayName("\u202eAlma\u0007 \u2066Reyes\u2069\u200f\r\n")).toBe("Alma Reyes");
    expect(cleanDisplayName("Ana\u0085María\u2028López\u009b")).toBe("Ana María López");
  });

  it("keeps real names of any script, and clips without splitting a character", () => {
    expect(cleanDisplayName("محمد الأحمد")).toBe("محمد الأحمد");
    expect(cleanDisplayName("黄志豪")).toBe("黄志豪");
    const emoji = cleanDisplayName("😀".repeat(500))!;
    expect(Array.from(emoji)).toHaveLength(MAX_DISPLAY_NAME);
    expect(emoji).not.toMatch(/[\ud800-\udbff]$/);
  });

  it("gives undefined for nothing, or nothing left", () => {
    expect(cleanDisplayName(undefined)).toBeUndefined();
    expect(cleanDisplayName("\u202e\u0007  ")).toBeUndefined();
  });
});

describe("library debug lines", () => {
  it("keep the message and drop the payload", () => {
    expect(withoutPayload('http request body: {"user":{"name":"Alma"}}')).toBe("http request body: [payload omitted]");
    expect(withoutPayload('{"type":"message","from":{"name":"Alma"}}')).toBe("[payload omitted]");
    expect(withoutPayload("apiCall('chat.postMessage') start")).toBe("apiCall('chat.postMessage') start");
  });
});
