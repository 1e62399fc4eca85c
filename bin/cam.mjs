#!/usr/bin/env -S node --conditions=react-server
// The `cam` command. Loads the TypeScript CLI through tsx. The react-server
// condition lets lib modules marked `import "server-only"` load outside Next.js.
import { register } from "tsx/esm/api";

register();
await import("./cam.ts");
