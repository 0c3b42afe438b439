// The gate job's reading of acknowledgement labels, fresh from the GitHub API (the event payload's labels are stale
// after a push). Writes the counted digests, one per line, to the file given as the only argument; prints why each
// label counts or not. Any API failure counts nothing (fail closed): the review then blocks what needs acknowledging.
//   GITHUB_TOKEN, GITHUB_REPOSITORY, PR_NUMBER, PR_AUTHOR, AUTHZ_ACK_APPROVERS [, GITHUB_API_URL]
//   tsx scripts/ci/read-acknowledgements.ts <out>
import { writeFileSync } from "node:fs";
import { appliersToLookUp, decideAcknowledgements, parseApprovers, type IssueEvent, type RepositoryPermission } from "./acknowledgements";

interface Env {
  readonly token: string;
  readonly repository: string;
  readonly pr: string;
  readonly author: string;
  readonly api: string;
}

function readEnv(env: NodeJS.ProcessEnv): Env {
  const need = (name: string): string => {
    const v = env[name];
    if (v === undefined || v === "") throw new Error(`${name} is not set`);
    return v;
  };
  const pr = need("PR_NUMBER");
  if (!/^[1-9][0-9]*$/.test(pr)) throw new Error(`PR_NUMBER must be a pull request number, got "${pr}"`);
  return {
    token: need("GITHUB_TOKEN"),
    repository: need("GITHUB_REPOSITORY"),
    pr,
    author: need("PR_AUTHOR"),
    api: env["GITHUB_API_URL"] || "https://api.github.com",
  };
}

async function getJson(env: Env, url: string): Promise<{ body: unknown; next?: string }> {
  const res = await fetch(url, {
    headers: { Authorization: `Bearer ${env.token}`, Accept: "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28" },
  });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
  return { body: await res.json(), ...(next !== undefined ? { next } : {}) };
}

async function getAll(env: Env, path: string): Promise<unknown[]> {
  const out: unknown[] = [];
  let url: string | undefined = `${env.api}/repos/${env.repository}/${path}${path.includes("?") ? "&" : "?"}per_page=100`;
  while (url !== undefined) {
    const page: { body: unknown; next?: string } = await getJson(env, url);
    if (!Array.isArray(page.body)) throw new Error(`GET ${url}: expected a list`);
    out.push(...page.body);
    url = page.next;
  }
  return out;
}

async function main(argv: readonly string[]): Promise<number> {
  const outFile = argv[0];
  if (outFile === undefined || argv.length !== 1) {
    process.stderr.write("usage: tsx scripts/ci/read-acknowledgements.ts <output file>\n");
    return 2;
  }
  writeFileSync(outFile, "");
  let env: Env;
  try {
    env = readEnv(process.env);
  } catch (e) {
    process.stderr.write(`acknowledgements: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    const labels = (await getAll(env, `issues/${env.pr}/labels`)).map((l) => String((l as { name?: unknown }).name));
    const events = (await getAll(env, `issues/${env.pr}/events`)) as IssueEvent[];
    const permissions = new Map<string, RepositoryPermission>();
    for (const login of appliersToLookUp(labels, events, env.author)) {
      try {
        const { body } = await getJson(env, `${env.api}/repos/${env.repository}/collaborators/${encodeURIComponent(login)}/permission`);
        const permission = (body as { permission?: unknown }).permission;
        if (typeof permission === "string") permissions.set(login, { permission });
      } catch (e) {
        process.stderr.write(`acknowledgements: ${(e as Error).message}\n`);
      }
    }
    const approvers = parseApprovers(process.env["AUTHZ_ACK_APPROVERS"]);
    const decisions = decideAcknowledgements({ labels, events, author: env.author, permissions, approvers });
    for (const d of decisions) process.stdout.write(`${d.counted ? "counts" : "ignored"}: ${d.label}: ${d.reason}\n`);
    const digests = [...new Set(decisions.filter((d) => d.counted).map((d) => d.digest as string))];
    writeFileSync(outFile, digests.map((d) => `${d}\n`).join(""));
    return 0;
  } catch (e) {
    process.stdout.write(`::warning::acknowledgement labels could not be read (${(e as Error).message}); none counts\n`);
    return 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`acknowledgements: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
