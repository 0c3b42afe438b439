// Test order: jest's own (failed first, then slowest first by the durations it cached from earlier runs), except
// that a suite marked `@slow-suite` (real terraform, the gate replay) with no cached duration runs before every
// other suite without one. On a clean clone jest has no durations and falls back to file size, which started a
// 80-second terraform suite last and left one of the two workers idle for most of it.
const { readFileSync } = require("node:fs");
const Sequencer = require("@jest/test-sequencer").default;

const MARKER = "@slow-suite";

class SlowSuitesFirst extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const marked = (test) => test.duration == null && readFileSync(test.path, "utf8").includes(MARKER);
    return [...ordered.filter(marked), ...ordered.filter((t) => !marked(t))];
  }
}

module.exports = SlowSuitesFirst;
