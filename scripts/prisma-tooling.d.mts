// Types for prisma-tooling.mjs, which the drift tests import.
export const root: string;
export const providers: { sqlite: "sqlite"; postgresql: "postgres" };
export function composeSchema(provider: "sqlite" | "postgresql", models: string): string;
export function runPrisma(args: string[], options?: { inherit?: boolean; env?: Record<string, string> }): string;
