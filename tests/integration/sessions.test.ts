import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, endSession, findCaller } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUserBodySchema } from "@/lib/schemas/users";
import { createUser } from "@/lib/users/create-user";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

describe("sign-in and sessions", () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { migrate: true });
    db = database.db();
    await createUser(db, { email: "nurse@hospital.example", name: "Nina Nurse", role: "clinician", password: "a-long-nurse-password" }, null);
  });
  afterAll(() => database.drop());

  async function refusal(email: string, password: string): Promise<AppError> {
    const error = await signIn(db, { email, password }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }

  it("gives the same answer for a wrong password and an unknown account", async () => {
    const wrongPassword = await refusal("nurse@hospital.example", "not-the-password");
    const unknownAccount = await refusal("nobody@hospital.example", "not-the-password");
    expect(wrongPassword.code).toBe("unauthenticated");
    expect(wrongPassword.message).toBe(unknownAccount.message);
  });

  it("signs in, finds the caller from the token, and keeps only the token's hash", async () => {
    const session = await signIn(db, { email: "nurse@hospital.example", password: "a-long-nurse-password" });
    expect(await findCaller(db, session.token)).toMatchObject({ email: "nurse@hospital.example", role: "clinician" });
    const stored = await db.session.findMany();
    expect(stored.map((row) => row.tokenHash)).toContain(createHash("sha256").update(session.token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(session.token);
  });

  it("ends a session on sign-out", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "nurse@hospital.example" } });
    const { token } = await createSession(db, user.id);
    await endSession(db, token);
    expect(await findCaller(db, token)).toBeNull();
  });

  it("refuses expired sessions, unknown tokens and disabled accounts", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "nurse@hospital.example" } });
    const { token } = await createSession(db, user.id);
    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findCaller(db, token)).toBeNull();
    expect(await findCaller(db, "made-up-token")).toBeNull();
    expect(await findCaller(db, undefined)).toBeNull();

    const fresh = await createSession(db, user.id);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await findCaller(db, fresh.token)).toBeNull();
    expect((await refusal("nurse@hospital.example", "a-long-nurse-password")).code).toBe("unauthenticated");
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    const input = createUserBodySchema.parse({ email: "Nurse@Hospital.EXAMPLE", name: "Another", role: "reviewer", password: "another-long-password" });
    const duplicate = createUser(db, input, null);
    await expect(duplicate).rejects.toMatchObject({ code: "conflict" });
  });
});
