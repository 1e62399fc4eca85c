import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Every test process seals text with this key (never used outside tests), so
// the test runner, the CLI and the app servers it starts can read each other's records.
const TEST_ENCRYPTION_KEYS = "test-key:pZIGfUhc4mqX3TnI+dzLB+DhFSuJs/wXYlrGsA5ZBe0=";
process.env.CAM_ENCRYPTION_KEYS ??= TEST_ENCRYPTION_KEYS;

const shared = {
  resolve: {
    alias: [
      { find: /^server-only$/, replacement: `${root}tests/support/empty-module.ts` },
      { find: /^@\//, replacement: root },
    ],
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], environment: "node" },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One production server and browser at a time on a two-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
