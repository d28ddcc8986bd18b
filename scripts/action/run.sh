#!/usr/bin/env bash
# The run step of action.yml: builds the linter from the action's own checkout when it has no dist/, lints the
# INPUT_* paths into a SARIF file and records the file and the linter's exit status as step outputs. It exits 0
# once the report is written, so the upload step still runs; action.yml then fails the job with that status.
set -uo pipefail

action_path="${GITHUB_ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
cli="$action_path/dist/cli.js"
if [ ! -f "$cli" ]; then
  echo "::group::Build mobileconfig-lint"
  if ! (cd "$action_path" && npm ci --no-audit --no-fund && node esbuild.mjs --production); then
    echo "::error::mobileconfig-lint could not be built"
    exit 2
  fi
  echo "::endgroup::"
fi

sarif="${INPUT_SARIF_FILE:-mobileconfig-lint.sarif}"
options=()
[ -n "${INPUT_CONFIG:-}" ] && options+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_MODE:-}" ] && options+=(--mode "$INPUT_MODE")
[ -n "${INPUT_MAX_WARNINGS:-}" ] && options+=(--max-warnings "$INPUT_MAX_WARNINGS")

# One path per line (a YAML block scalar), so names with spaces need no quoting; blank lines are dropped.
paths=()
while IFS= read -r line; do
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  [ -n "$line" ] && paths+=("$line")
done <<< "${INPUT_PATHS:-.}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)

# A report left from an earlier run must not be uploaded as this run's.
rm -f -- "$sarif"
# The readable report for the job log, then the SARIF file for code scanning (same files, same settings).
node "$cli" ${options[@]+"${options[@]}"} -- "${paths[@]}"
node "$cli" ${options[@]+"${options[@]}"} --format sarif --output "$sarif" -- "${paths[@]}"
status=$?

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"
  echo "exit-code=$status" >> "$GITHUB_OUTPUT"
fi
if [ ! -f "$sarif" ]; then
  echo "::error::mobileconfig-lint wrote no SARIF file (exit status $status)"
  exit "$((status == 0 ? 2 : status))"
fi
exit 0
