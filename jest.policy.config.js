// `npm run test:policy`: the policy tests of the configured stacks (__tests__/policy) alone, with their JUnit
// evidence in test-results/policy-tests.junit.xml (docs/policy-tests.md): one testcase per stack, API and method,
// per API and policy file, and per control rule and resource; each suite's properties name the specs and the
// policy files with their sha256 (__tests__/policy/junit-properties.js).
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ["<rootDir>/__tests__/policy"],
  reporters: [
    "default",
    [
      "jest-junit",
      {
        outputDirectory: "<rootDir>/test-results",
        outputName: "policy-tests.junit.xml",
        suiteName: "policy tests",
        classNameTemplate: "{classname}",
        titleTemplate: "{title}",
        ancestorSeparator: " › ",
        reportTestSuiteErrors: "true",
        testSuitePropertiesDirectory: "<rootDir>/__tests__/policy",
        testSuitePropertiesFile: "junit-properties.js",
      },
    ],
  ],
};
