#!/usr/bin/env bash
# The pull request's changed paths, one per line, from the GitHub API (`pulls/{n}/files`): no head code runs and
# nothing of the head is checked out. A renamed file is listed under its old and its new path, so moving a file out
# of policies/ still counts as changing policies/. Fails when the API lists fewer files than the pull request has
# (it stops at 3,000): an incomplete list must not hide a change to the gate.
#   GH_TOKEN, GITHUB_REPOSITORY, PR_NUMBER  bash scripts/ci/changed-files.sh <output file>
set -euo pipefail
out="${1:?usage: changed-files.sh <output file>}"
: "${GITHUB_REPOSITORY:?}" "${PR_NUMBER:?}"
case "$PR_NUMBER" in *[!0-9]* | "") echo "changed-files: PR_NUMBER must be a number, got \"$PR_NUMBER\"" >&2; exit 2 ;; esac

# One line per file: its path, then a tab and its previous path when it was renamed.
rows="$(mktemp)"
trap 'rm -f "$rows"' EXIT
gh api --paginate "repos/$GITHUB_REPOSITORY/pulls/$PR_NUMBER/files?per_page=100" \
  --jq '.[] | [.filename, (.previous_filename // empty)] | @tsv' > "$rows"
listed="$(wc -l < "$rows")"
expected="$(gh api "repos/$GITHUB_REPOSITORY/pulls/$PR_NUMBER" --jq '.changed_files')"
if [ "$listed" -ne "$expected" ]; then
  echo "changed-files: the API listed $listed of $expected changed files; cannot tell whether the gate itself changed" >&2
  exit 1
fi
tr '\t' '\n' < "$rows" | sort -u > "$out"
echo "changed-files: $expected file(s) changed"
