import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build folders let several builds (e.g. parallel test runs) coexist; ".next" by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native or Node-only packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "pino",
    "@node-rs/argon2",
    "faiss-node",
  ],
};

export default nextConfig;
