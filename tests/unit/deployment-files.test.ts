import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { knownSettingNames } from "@/lib/env";

// The Dockerfile, compose file and Kubernetes example cannot be built or applied
// here (no container runtime or cluster), so they are checked for the mistakes
// that would break them: misspelt settings, missing files, running as root.

const read = (file: string) => readFileSync(file, "utf8");
/** Names set in `NAME: value` or `- name: NAME` form under an environment section. */
const settingNamesIn = (text: string) =>
  [...text.matchAll(/^\s+(?:- name: )?([A-Z][A-Z0-9_]+)(?::|$)/gm)].map((match) => match[1]!).filter((name) => /^[A-Z]/.test(name));
/** Settings that belong to other programs (PostgreSQL's image, Node itself). */
const foreign = new Set(["POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD_FILE", "NODE_ENV", "PORT"]);

describe("deployment files", () => {
  it("build in stages, run as an unprivileged user with a health check, and copy only what exists", () => {
    const dockerfile = read("Dockerfile");
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^USER cam$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/api\/ping/m);
    const copied = [...dockerfile.matchAll(/^COPY --from=build \S+ (\S+(?: \S+)*) \S+$/gm)].flatMap((match) => match[1]!.split(" "));
    const builtLater = ["/app/.next", "/app/node_modules"];
    for (const path of copied.filter((path) => !builtLater.includes(path))) expect(existsSync(path.replace(/^\/app\//, "")), path).toBe(true);
    expect(existsSync("app/api/ping/route.ts")).toBe(true);
  });

  it("name only settings CAM reads", () => {
    const known = new Set([...knownSettingNames(), ...foreign]);
    for (const file of ["compose.yaml", "deploy/k8s/nightly-evaluation.yaml"]) {
      const environment = read(file).split(/\n\s*(?:environment|env):\n/)[1] ?? "";
      const names = settingNamesIn(environment.split(/\n\s*(?:secrets|volumeMounts|volumes):\n/)[0]!);
      expect(names.length, file).toBeGreaterThan(2);
      expect(names.filter((name) => !known.has(name)), file).toEqual([]);
    }
  });

  it("keep secrets out of the image and the files", () => {
    expect(read(".dockerignore")).toMatch(/^\.env$/m);
    expect(read(".dockerignore")).toMatch(/^data$/m);
    expect(read("compose.yaml")).not.toMatch(/PASSWORD:\s*\S+[^}]$/m);
  });
});
