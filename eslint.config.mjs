// Lint: typescript-eslint with type-aware rules (they ask the TypeScript checker, so a promise is known to be one);
// formatting is Prettier's (.prettierrc.json), not the linter's. `npm run lint` runs both in check mode.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "cdktf.out/", "dist/", ".cdktf.out.staging-*/", "**/*.js", "**/*.mjs", "**/*.d.ts"] },
  {
    files: ["**/*.ts"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Type-aware: a promise nobody awaits is an error nobody sees (an authorizer that allows while its check runs).
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      eqeqeq: "error",
      // `let x; ... x = f()` where a closure reads x lazily before the assignment runs.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "no-control-regex": "off", // the escaping of untrusted text matches control characters on purpose
    },
  },
  {
    // Tests: fixtures of untyped Terraform JSON and dynamic imports of the code under test.
    files: ["__tests__/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-require-imports": "off" },
  },
);
