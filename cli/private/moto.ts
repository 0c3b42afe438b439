// A moto_server process on a free loopback port: the local AWS endpoint of `npm run deploy:local` and the apply
// tests. Listening on port 0 and reading the port moto reports leaves no window for another process to take it.
import { spawn, spawnSync } from "node:child_process";
import { motoListeningPort } from "./local-deploy";

export interface LocalEndpoint {
  readonly url: string;
  readonly pid: number;
  /** Ends the process (SIGTERM, then SIGKILL after 5 s) and resolves once it has exited. */
  stop(): Promise<void>;
}

/** Whether `moto_server` can be run at all. */
export function motoInstalled(): boolean {
  return spawnSync("moto_server", ["--help"], { stdio: "ignore" }).status === 0;
}

/** Keeps only the tail of moto's request log: it logs every call, and an unread pipe would stall it. */
const TAIL_CHARS = 8000;

export function startMoto(env: NodeJS.ProcessEnv = process.env, timeoutMs = 30_000): Promise<LocalEndpoint> {
  // Attaching AWS managed policies (the API Gateway CloudWatch role) fails unless moto loads them.
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", "0"], {
    env: { ...env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exit;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string, running = true): void => {
      clearTimeout(timer);
      const error = new Error(`moto_server ${why}${output.trim() === "" ? "" : `:\n${output.trim()}`}`);
      // A process that never started emits no exit to wait for.
      if (running) void stop().then(() => reject(error));
      else reject(error);
    };
    const timer = setTimeout(() => fail(`did not report a port within ${timeoutMs / 1000} s`), timeoutMs);
    let ready = false;
    const onData = (d: Buffer): void => {
      output = (output + d.toString("utf8")).slice(-TAIL_CHARS);
      if (ready) return;
      const port = motoListeningPort(output);
      if (port === undefined || child.pid === undefined) return;
      ready = true;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid, stop });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", (e) => fail(`cannot be started: ${e.message}`, false));
    child.once("exit", (code, signal) => {
      if (!ready) fail(`exited before listening (${signal ?? `exit code ${code}`})`);
    });
  });
}
