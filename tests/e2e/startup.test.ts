import { describe, expect, it } from "vitest";
import { startAppServer } from "../support/app-server";

describe("starting the production server with a wrong setting", () => {
  it("stops at once with one message naming the setting and the fix", async () => {
    const failure = await startAppServer({ DATABASE_URL: "mysql://root@localhost/cam" }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain("next start exited with 1");
    expect(message).toContain('CAM cannot start. The configuration is invalid:\n  DATABASE_URL uses an unsupported scheme "mysql:"');
    expect(message).not.toMatch(/^\s+at /m);
  });
});
