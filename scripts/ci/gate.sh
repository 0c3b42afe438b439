#!/usr/bin/env bash
# The access gate: decides a pull request's required status. Everything it runs comes from the BASE checkout (its
# code, its node_modules, its policies/); the head is only read as data (the cdktf.out the unprivileged synth job
# uploaded). Every command runs inside the base directory, so nothing in the caller's working directory or in the
# head artifact (a policies/ folder, a package.json, a cli/review.ts) is ever read as code or policy.
#   bash scripts/ci/gate.sh <base dir> <head cdktf.out> <output dir> <acknowledged digests file> <changed files file>
# <acknowledged digests file>: one digest per line (from authz-ack:<digest> labels that count); may be empty.
# <changed files file>: the pull request's changed paths, one per line, passed to the review (--changed-files).
# Writes review.md, review.json, check.sarif, check.junit.xml and check.md into <output dir>.
# Exit 0: nothing blocks; 1: an unacknowledged blocking change or a failing policy check; 2: not reviewed (bad
# input, the base does not synthesize): never a pass.
set -uo pipefail

die() {
  echo "gate: $*" >&2
  exit 2
}

[ "$#" -eq 5 ] || die "usage: gate.sh <base dir> <head cdktf.out> <output dir> <acknowledged digests file> <changed files file>"
base="$(cd "$1" 2>/dev/null && pwd -P)" || die "base directory \"$1\" does not exist"
head="$(cd "$2" 2>/dev/null && pwd -P)" || die "head artifact directory \"$2\" does not exist"
mkdir -p "$3" 2>/dev/null || die "cannot create the output directory \"$3\""
out="$(cd "$3" && pwd -P)"
acks_file="$(realpath -e "$4" 2>/dev/null)" || die "acknowledged digests file \"$4\" does not exist"
changed_file="$(realpath -e "$5" 2>/dev/null)" || die "changed files file \"$5\" does not exist"
for f in package.json policies node_modules/.bin/tsx scripts/synth.mjs; do
  [ -e "$base/$f" ] || die "base \"$base\" has no $f (check out the base and run npm ci there first)"
done

# Fail closed on anything that is not a digest: a malformed line acknowledges nothing.
ack_args=()
while IFS= read -r line || [ -n "$line" ]; do
  line="${line%$'\r'}"
  [ -z "$line" ] && continue
  if [[ "$line" =~ ^[0-9a-f]{16}$ ]]; then
    ack_args+=(--acknowledge "$line")
  else
    echo "gate: ignoring \"$line\" in $acks_file: not a 16-hex-digit digest" >&2
  fi
done < "$acks_file"

in_base() { (cd "$base" && "$@"); }

not_reviewed() {
  printf '<!-- api-access-review -->\n## API access review\n\n:x: %s, so the authorization change was not reviewed. See the workflow run.\n' "$1" > "$out/review.md"
  die "$1"
}

work="$out/.work"
rm -rf "$work" && mkdir -p "$work"
base_out="$work/base.cdktf.out"
if [ -n "${GATE_BASE_SYNTH:-}" ]; then
  # Tests replaying the gate many times reuse one synth of the same base; never honoured in a workflow run.
  [ "${GITHUB_ACTIONS:-}" != "true" ] || die "GATE_BASE_SYNTH is for local replays only; the gate synthesizes the base itself in CI"
  [ -f "$GATE_BASE_SYNTH/manifest.json" ] || die "GATE_BASE_SYNTH \"$GATE_BASE_SYNTH\" is not a synthesized cdktf.out"
  base_out="$GATE_BASE_SYNTH"
else
  echo "gate: synthesizing the base ($base)" >&2
  in_base env CDKTF_OUTDIR="$base_out" npm run --silent synth >&2 || not_reviewed "The base branch could not be synthesized"
fi

# One run each, every report rendered from it: the review's JSON and Markdown, the check's SARIF, JUnit and
# Markdown can never describe different results.
in_base "$base/node_modules/.bin/tsx" cli/review.ts --base "$base_out" --head "$head" --policy "$base/policies" \
  --changed-files "$changed_file" ${ack_args[@]+"${ack_args[@]}"} \
  --report json="$out/review.json" --report markdown="$out/review.md" --format text
status=("review=$?")
in_base "$base/node_modules/.bin/tsx" cli/check.ts "$head" --policy "$base/policies" --fail-on low \
  --report sarif="$out/check.sarif" --report junit="$out/check.junit.xml" --report markdown="$out/check.md" > /dev/null
status+=("check=$?")
rm -rf "$work"

[ -f "$out/review.md" ] || not_reviewed "The review wrote no report"

# 0 only when every decisive run said 0; any exit other than 0 or 1 means it could not decide.
result=0
for s in "${status[@]}"; do
  code="${s##*=}"
  case "$code" in
    0) ;;
    1) [ "$result" -eq 0 ] && result=1 ;;
    *) result=2 ;;
  esac
done
echo "gate: ${status[*]} -> exit $result" >&2
exit "$result"
