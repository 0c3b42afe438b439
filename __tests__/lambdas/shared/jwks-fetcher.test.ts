// The JWKS fetcher when the HTTP client throws before a request exists: it must fail closed at once and leave no
// deadline timer behind (one firing later would touch a request that never existed and crash the process).
jest.mock("node:http", () => ({
  ...jest.requireActual<typeof import("node:http")>("node:http"),
  get: () => {
    throw new TypeError("Invalid URL");
  },
}));

import { BoundedFetcher, JwksFetchError } from "../../../lambdas/shared/jwks-fetcher";

describe("BoundedFetcher", () => {
  it("GIVEN the HTTP client throws at once THEN the fetch rejects with a JwksFetchError and arms no deadline timer", async () => {
    const timers = jest.spyOn(global, "setTimeout");
    try {
      const fetched = new BoundedFetcher({ timeoutMs: 5 }).fetch("http://127.0.0.1/.well-known/jwks.json");
      await expect(fetched).rejects.toBeInstanceOf(JwksFetchError);
      await expect(fetched).rejects.toThrow("JWKS request could not start: Invalid URL");
      expect(timers).not.toHaveBeenCalled();
    } finally {
      timers.mockRestore();
    }
  });
});
