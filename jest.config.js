/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } } }] },
  testTimeout: 120000,
  // A full collection after each file keeps worker teardown inside jest's grace period (see the file).
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup/release-heap.ts"],
  // Suites marked @slow-suite start first when jest has no durations cached (a clean clone).
  testSequencer: "<rootDir>/__tests__/setup/sequencer.js",
  // Integration tests run real terraform; two workers keep a 2-core machine responsive.
  maxWorkers: 2,
};
