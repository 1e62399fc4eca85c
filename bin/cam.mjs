#!/usr/bin/env -S node --conditions=react-server
// The `cam` command. Loads the TypeScript CLI through tsx, with the project's
// tsconfig wherever it is run from. The react-server condition lets lib
// modules marked `import "server-only"` load outside Next.js.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("./cam.ts");
