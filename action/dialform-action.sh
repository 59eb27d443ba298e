#!/usr/bin/env bash
# The dialform action's steps (action.yml runs this; see docs/ci.md). Modes:
#   plan   validate, plan, sticky PR comment, job summary, outputs; fails (exit 3) on a blocked plan
#   apply  apply the reviewed plan when given and still fresh, else re-plan and apply; exit 4 when
#          a manual step is waiting (listed in the job summary): re-run the job to continue
#   drift  plan on the default branch; open or update one issue when Dialpad differs, close it when not
# Environment (action.yml maps the inputs): MODE, CONFIG, BASE, REDACT (true|false), PLAN_FILE,
# JOURNAL, DIALFORM (the command that runs dialform), WORK_DIR (where files go; its artifact/
# subdirectory is what the action uploads), GITHUB_EVENT_NAME and the rest of the Actions variables.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="${WORK_DIR:-${RUNNER_TEMP:-/tmp}/dialform}"
artifact="$work/artifact"
mkdir -p "$artifact"
config="${CONFIG:-dialform}"
redact=()
[ "${REDACT:-false}" = "true" ] && redact=(--redact)

# DIALFORM is a command line ("node /path/dist/cmd/dialform.js", "npx dialform"): split on spaces on purpose.
dialform() { ${DIALFORM:-npx dialform} "$@"; }
github() { node "$here/github.mjs" "$@"; }

# Plans into $work: plan.json (applicable) and plan.md (the comment); the artifact directory gets
# plan.md and either plan.json or, when redacting, only plan.redacted.json (so the unredacted plan
# never leaves the runner, and apply can never be handed a redacted one). Sets $code.
make_plan() {
  local base=()
  [ -n "${BASE:-}" ] && base=(--base "$BASE")
  dialform plan -c "$config" "${base[@]}" --out "$work/plan.json" --format markdown --detailed-exitcode "${redact[@]}" > "$work/plan.md"
  code=$?
  case "$code" in 0 | 2 | 3) ;; *) echo "::error title=dialform plan::dialform plan failed (exit $code): see the log above"; return ;; esac
  cp "$work/plan.md" "$artifact/plan.md"
  if [ ${#redact[@]} -gt 0 ]; then
    dialform show "$work/plan.json" --format json --redact > "$artifact/plan.redacted.json"
  else
    cp "$work/plan.json" "$artifact/plan.json"
  fi
}

# A blocked plan: the violations in the log (the comment and summary have them too).
explain_blocked() {
  echo "::error title=dialform plan blocked::The plan is blocked by a rule (exit 3); the violations follow and are in the job summary."
  dialform show "$work/plan.json" --format text "${redact[@]}" || true
}

run_plan() {
  dialform validate -c "$config" || exit 1
  make_plan
  github outputs --plan "$(ls "$artifact"/plan*.json 2> /dev/null | head -n 1)" --exitcode "$code"
  case "$code" in 0 | 2 | 3) ;; *) exit "$code" ;; esac
  github summary --body-file "$work/plan.md"
  if [ "${GITHUB_EVENT_NAME:-}" = "pull_request" ] || [ "${GITHUB_EVENT_NAME:-}" = "pull_request_target" ]; then
    github comment --body-file "$work/plan.md" --config "$config" || exit 1
  fi
  if [ "$code" = 3 ]; then
    explain_blocked
    exit 3
  fi
  exit 0
}

# Exit 4 (waiting for a manual step or stopped part way): what is left, in the job summary.
explain_waiting() {
  dialform plan -c "$config" --format json "${redact[@]}" > "$work/left.json" 2> /dev/null
  case $? in 0 | 2 | 3) github manual --plan "$work/left.json" ;; *) github manual --plan /dev/null 2> /dev/null || true ;; esac
}

run_apply() {
  local journal=(--journal "${JOURNAL:-.dialform/journal.jsonl}")
  code=1
  if [ -n "${PLAN_FILE:-}" ] && [ -f "$PLAN_FILE" ]; then
    echo "Applying the reviewed plan $PLAN_FILE"
    dialform apply "$PLAN_FILE" -c "$config" --auto-approve "${journal[@]}"
    code=$?
    # 1: the reviewed plan is stale or no longer matches the config (or the API failed): apply
    # re-reads Dialpad and re-plans under the same rules, which is what a re-run would do.
    [ "$code" = 1 ] && echo "The reviewed plan cannot be applied as it is: re-planning against Dialpad now."
  fi
  if [ "$code" = 1 ]; then
    dialform apply -c "$config" --auto-approve "${journal[@]}"
    code=$?
  fi
  echo "exitcode=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
  [ "$code" = 4 ] && explain_waiting
  exit "$code"
}

run_drift() {
  make_plan
  github outputs --plan "$(ls "$artifact"/plan*.json 2> /dev/null | head -n 1)" --exitcode "$code"
  case "$code" in 0 | 2 | 3) ;; *) exit "$code" ;; esac
  github summary --body-file "$work/plan.md"
  github drift --body-file "$work/plan.md" --config "$config" --exitcode "$code" || exit 1
  exit 0
}

case "${MODE:-plan}" in
  plan) run_plan ;;
  apply) run_apply ;;
  drift) run_drift ;;
  *) echo "::error title=dialform action::mode must be plan, apply or drift (got ${MODE})"; exit 1 ;;
esac
