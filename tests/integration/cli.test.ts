import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

describe("cam --help", () => {
  const commands = [
    [], ["db"], ["db", "migrate"], ["db", "status"], ["db", "seed"], ["users"], ["users", "create"], ["users", "list"],
    ["users", "api-key"], ["users", "api-key", "create"], ["users", "api-key", "list"], ["users", "api-key", "revoke"],
    ["ingest"], ["verify-store"], ["digest"],
  ];

  it.each(commands.map((command) => [command.join(" ") || "cam", command]))("%s explains itself", async (_name, command) => {
    const result = await runCli([...(command as string[]), "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: cam/);
    expect(result.stdout.split("\n").length).toBeGreaterThan(4);
  });

  it("suggests --help after a mistake", async () => {
    const result = await runCli(["db", "migrat"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("(run with --help for usage)");
  });
});

describe.each(["sqlite", "postgresql"] as const)("cam against %s", (provider) => {
  let database: TestDatabase;
  const env = () => ({ DATABASE_URL: database.url, CAM_ADMIN_EMAIL: "lead@hospital.example" });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database.drop());

  it("reports pending migrations, applies them, then reports none", async () => {
    const before = await runCli(["db", "status"], { env: env() });
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/pending\s+\d{14}_init/);

    const migrate = await runCli(["db", "migrate"], { env: env() });
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/applied \d{14}_init/);
    expect((await runCli(["db", "migrate"], { env: env() })).stdout).toContain("already up to date");

    const after = await runCli(["db", "status"], { env: env() });
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/applied\s+\d{14}_init/);
  });

  it("seeds once, printing a generated admin password a single time", async () => {
    const first = await runCli(["db", "seed"], { env: env() });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Installed the default rule pack as rule-set version 1.");
    expect(first.stdout).toMatch(/Created the admin account lead@hospital\.example with the password:\n\n {4}[\w-]{24}\n/);

    const second = await runCli(["db", "seed"], { env: env() });
    expect(second.stdout.trim()).toBe("Nothing to seed: defaults are in place.");
  });

  it("creates accounts with a password from standard input or a generated one, and lists them", async () => {
    const fromStdin = await runCli(
      ["users", "create", "--email", "Nurse@Hospital.example", "--name", "Nina Nurse", "--role", "clinician", "--password-stdin"],
      { env: env(), input: "a-long-nurse-password\n" },
    );
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toMatch(/^Created the clinician account nurse@hospital\.example/);
    expect(fromStdin.stdout).not.toContain("Password");

    const generated = await runCli(["users", "create", "--email", "rev@hospital.example", "--name", "Rita", "--role", "reviewer"], { env: env() });
    expect(generated.stdout).toMatch(/Password \(shown only this once\):\n\n {4}[\w-]{24}/);

    const list = await runCli(["users", "list"], { env: env() });
    expect(list.stdout).toMatch(/nurse@hospital\.example\s+clinician\s+active\s+never signed in/);
    expect(list.stdout).toMatch(/lead@hospital\.example\s+admin/);
  });

  it("creates, lists and revokes API keys, printing a key only when it is created", async () => {
    const created = await runCli(["users", "api-key", "create", "--email", "nurse@hospital.example", "--name", "nightly run"], { env: env() });
    expect(created.code).toBe(0);
    const key = /\n {4}(cam_[\w-]{43})\n/.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    const id = /\(id (\w+)\)/.exec(created.stdout)?.[1] as string;

    const listed = await runCli(["users", "api-key", "list"], { env: env() });
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+${key?.slice(0, 10)}…\\s+nurse@hospital\\.example\\s+nightly run\\s+never used`));
    expect(listed.stdout).not.toContain(key);

    expect((await runCli(["users", "api-key", "revoke", id], { env: env() })).stdout.trim()).toBe(`Revoked API key ${id}.`);
    expect((await runCli(["users", "api-key", "list", "--email", "nurse@hospital.example"], { env: env() })).stdout).toMatch(/revoked \d{4}-/);
    const again = await runCli(["users", "api-key", "revoke", id], { env: env() });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/was already revoked/);
  });

  it("refuses a duplicate account and invalid arguments with one line each", async () => {
    const duplicate = await runCli(["users", "create", "--email", "nurse@hospital.example", "--name", "N", "--role", "clinician"], { env: env() });
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr.trim()).toBe(
      "cam: An account with the email nurse@hospital.example already exists. Use another email, or sign in with that account.",
    );

    const invalid = await runCli(["users", "create", "--email", "x", "--name", "N", "--role", "boss"], { env: env() });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("cam: email must be an email address");
    expect(invalid.stderr).toContain("cam: role must be one of: clinician, reviewer, admin");
  });
});

describe("cam with a broken database setting", () => {
  const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

  it("explains a DATABASE_URL with the wrong scheme in one message", async () => {
    const result = await runCli(["db", "migrate"], { env: { DATABASE_URL: "mysql://root@localhost/cam" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL uses an unsupported scheme "mysql:"');
    noStack(result.stderr);
  });

  it("names an unreachable PostgreSQL server in one line, without its password", async () => {
    const result = await runCli(["db", "migrate"], { env: { DATABASE_URL: "postgresql://cam:secret@127.0.0.1:1/cam" } });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("cam: Cannot reach PostgreSQL at 127.0.0.1:1: connection refused. Start it, or correct DATABASE_URL.");
    noStack(result.stderr);
  });

  it("names a PostgreSQL database that does not exist", async () => {
    const result = await runCli(["users", "list"], { env: { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/cam_no_such_database" } });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'cam: The database "cam_no_such_database" does not exist on PostgreSQL at 127.0.0.1:5432. Create it (createdb cam_no_such_database) or correct DATABASE_URL.',
    );
  });
});
