// The tool's terraform runs: the environment every run gets, and the advice when providers cannot be installed.
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { providerInstallHint, runTerraform } from "../../cli/private/terraform";

// terraform 1.11's own words, from `terraform init` without network and with an empty filesystem mirror.
const NO_NETWORK = `Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider hashicorp/aws:
could not connect to registry.terraform.io: failed to request discovery
document: Get "https://registry.terraform.io/.well-known/terraform.json":
dial tcp: lookup registry.terraform.io on 10.255.255.53:53: no such host`;
const EMPTY_MIRROR = `Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider hashicorp/aws:
provider registry.terraform.io/hashicorp/aws was not found in any of the
search locations

  - /srv/mirror`;

describe("providerInstallHint", () => {
  it("GIVEN init could not reach the registry and no mirror is set THEN it says to set TF_PROVIDER_MIRROR, with the layout", () => {
    const hint = providerInstallHint(NO_NETWORK, undefined);
    expect(hint).toContain("TF_PROVIDER_MIRROR is not set");
    expect(hint).toContain("Set TF_PROVIDER_MIRROR to a filesystem mirror");
    expect(hint).toContain("<mirror>/registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/");
  });

  it("GIVEN a mirror without the provider THEN it names the mirror", () => {
    expect(providerInstallHint(EMPTY_MIRROR, "/srv/mirror")).toContain("TF_PROVIDER_MIRROR=/srv/mirror does not hold the provider");
  });

  it("GIVEN another init failure (a backend error) THEN there is no hint", () => {
    expect(providerInstallHint('Error: Failed to get existing workspaces: S3 bucket "x" does not exist.', undefined)).toBeUndefined();
  });
});

describe("runTerraform", () => {
  it("GIVEN an environment without CHECKPOINT_DISABLE THEN the terraform process still gets CHECKPOINT_DISABLE=1", async () => {
    // A stand-in `terraform` first on PATH that prints what it was given: a real process, not a mock.
    const bin = mkdtempSync(join(tmpdir(), "fake-terraform-"));
    const script = join(bin, "terraform");
    writeFileSync(script, '#!/bin/sh\necho "CHECKPOINT_DISABLE=$CHECKPOINT_DISABLE args=$*"\n');
    chmodSync(script, 0o755);
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}` };
    delete env.CHECKPOINT_DISABLE;
    const result = await runTerraform(["version"], bin, env);
    expect(result.stdout.trim()).toBe("CHECKPOINT_DISABLE=1 args=version");
  });
});
