// Placeholder until the real authorizer lands: denies everything (401).
export const handler = async (): Promise<never> => {
  throw new Error("Unauthorized");
};
