#!/usr/bin/env bash
# The reviewed plan travels from the plan job to the deploy job as one encrypted file: the synthesized stack (its
# cdk.tf.json, lock file and Lambda packages, without .terraform) and the binary plan, which holds every secret in
# plain text. The plan job records the file's SHA-256 as a job output; the deploy job refuses a file with any other
# digest, so what is applied is exactly what was planned and reviewed.
#   PLAN_ARTIFACT_KEY=... plan-artifact.sh pack   <stacks dir> <stack> <plan file> <artifact>   (prints the digest)
#   PLAN_ARTIFACT_KEY=... plan-artifact.sh unpack <artifact> <digest> <stacks dir> <plan file>
# Exit 0 done, 1 refused (digest or decryption), 2 bad usage.
set -euo pipefail
umask 077

usage() {
  echo "usage: plan-artifact.sh pack <stacks dir> <stack> <plan file> <artifact> | unpack <artifact> <digest> <stacks dir> <plan file>" >&2
  exit 2
}
key_or_exit() {
  if [ "${#PLAN_ARTIFACT_KEY}" -lt 32 ]; then
    echo "plan-artifact: PLAN_ARTIFACT_KEY must be set to a secret of at least 32 characters (it encrypts the binary plan, which holds the stack's secrets)" >&2
    exit 2
  fi
}
: "${PLAN_ARTIFACT_KEY:=}"
crypt() { openssl enc -aes-256-cbc -pbkdf2 -iter 200000 -md sha256 -pass env:PLAN_ARTIFACT_KEY "$@"; }

case "${1:-}" in
  pack)
    [ "$#" -eq 5 ] || usage
    stacks="$2" stack="$3" plan="$4" artifact="$5"
    key_or_exit
    case "$stack" in */* | .* | "") echo "plan-artifact: stack must be a plain directory name, got \"$stack\"" >&2; exit 2 ;; esac
    [ -f "$stacks/$stack/cdk.tf.json" ] || { echo "plan-artifact: $stacks/$stack/cdk.tf.json does not exist" >&2; exit 2; }
    [ -f "$plan" ] || { echo "plan-artifact: $plan does not exist" >&2; exit 2; }
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    mkdir "$work/stacks"
    tar -C "$stacks" --exclude="$stack/.terraform" -cf "$work/stacks/stack.tar" "$stack"
    cp "$plan" "$work/stacks/reviewed.tfplan"
    tar -C "$work/stacks" -cf - stack.tar reviewed.tfplan | crypt -salt -e -out "$artifact.tmp"
    mv "$artifact.tmp" "$artifact"
    sha256sum "$artifact" | cut -d' ' -f1
    ;;
  unpack)
    [ "$#" -eq 5 ] || usage
    artifact="$2" digest="$3" stacks="$4" plan="$5"
    key_or_exit
    case "$digest" in *[!0-9a-f]* | "") echo "plan-artifact: the expected digest must be 64 hex characters, got \"$digest\"" >&2; exit 2 ;; esac
    [ "${#digest}" -eq 64 ] || { echo "plan-artifact: the expected digest must be 64 hex characters, got \"$digest\"" >&2; exit 2; }
    [ -f "$artifact" ] || { echo "plan-artifact: $artifact does not exist" >&2; exit 2; }
    actual="$(sha256sum "$artifact" | cut -d' ' -f1)"
    if [ "$actual" != "$digest" ]; then
      echo "plan-artifact: refused: $artifact has digest $actual, the plan job recorded $digest; this is not the plan that was reviewed" >&2
      exit 1
    fi
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    if ! crypt -d -in "$artifact" | tar -C "$work" -xf - stack.tar reviewed.tfplan; then
      echo "plan-artifact: refused: $artifact does not decrypt with PLAN_ARTIFACT_KEY" >&2
      exit 1
    fi
    mkdir -p "$stacks"
    # Only the stack's own directory, never a path outside it.
    if tar -tf "$work/stack.tar" | grep -qE '(^/|(^|/)\.\.(/|$))'; then
      echo "plan-artifact: refused: the stack archive names a path outside its directory" >&2
      exit 1
    fi
    tar -C "$stacks" -xf "$work/stack.tar"
    mv "$work/reviewed.tfplan" "$plan"
    ;;
  *) usage ;;
esac
