// Stands in for the "server-only" marker package under Vitest, which does not
// use the react-server export condition that makes that package empty.
export {};
