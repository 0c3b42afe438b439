// Properties of every testsuite in the policy tests' JUnit evidence (jest.policy.config.js): which specs were
// built (ACCESS_SPEC, else access-specs.json) and which policy files judged them, each with its sha256.
const { createHash } = require("node:crypto");
const { existsSync, readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..", "..");

function specs() {
  if ((process.env.ACCESS_SPEC ?? "").trim() !== "") return `ACCESS_SPEC: ${process.env.ACCESS_SPEC}`;
  const config = join(root, "access-specs.json");
  if (!existsSync(config)) return "built-in samples";
  try {
    return `access-specs.json: ${JSON.parse(readFileSync(config, "utf8")).specs.join(", ")}`;
  } catch (e) {
    return `access-specs.json: unreadable (${e.message})`;
  }
}

module.exports = () => {
  const out = { specs: specs() };
  const dir = join(root, "policies");
  for (const f of existsSync(dir) ? readdirSync(dir).sort() : []) {
    if (!/\.(ya?ml|json)$/.test(f)) continue;
    out[`policy-file policies/${f}`] = `sha256:${createHash("sha256")
      .update(readFileSync(join(dir, f)))
      .digest("hex")}`;
  }
  return out;
};
