#!/usr/bin/env bash
# The dialform action's steps (action.yml runs this; see docs/ci.md). Modes:
#   plan   validate, plan, sticky PR comment, job summary, outputs; fails (exit 3) on a blocked plan
#   apply  plan afresh and apply it only when it has the reviewed plan's fingerprint; otherwise write
#          nothing, post the new plan on the merged pull request (or one issue) and fail. Exit 4 when a
#          manual step is waiting (listed in the job summary): re-run the job to continue
#   drift  plan on the default branch; open or update one issue when Dialpad differs, close it when not
# Every mode reports a failure it can see (bad config, unreachable API) in the job summary, as
# annotations and outputs, and plan mode also in the sticky comment, replacing a stale plan there.
# Environment (action.yml maps the inputs): MODE, CONFIG, BASE, REDACT (true|false), PLAN_FILE,
# REVIEWED_DIR (the downloaded plan artifact), FINGERPRINT and PULL (the reviewed fingerprint and
# merged pull request, found by `github.mjs reviewed`), ON_PLAN_CHANGED (fail|apply), JOURNAL,
# DIALFORM (the command that runs dialform), WORK_DIR (where files go; its artifact/ subdirectory is
# what the action uploads, named by the step output `artifact`), and the Actions variables.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="${WORK_DIR:-${RUNNER_TEMP:-/tmp}/dialform}"
artifact="$work/artifact"
mkdir -p "$artifact"
config="${CONFIG:-dialform}"
redact=()
[ "${REDACT:-false}" = "true" ] && redact=(--redact)

# DIALFORM is a command line ("node /path/dialform.mjs", "npx dialform"): split on spaces on purpose.
dialform() { ${DIALFORM:-npx dialform} "$@"; }
github() { node "$here/github.mjs" "$@"; }
is_pull_request() { [ "${GITHUB_EVENT_NAME:-}" = "pull_request" ] || [ "${GITHUB_EVENT_NAME:-}" = "pull_request_target" ]; }

# A failed command ($1 names it, $2 its log, $3 its exit code, $4 its --format json output if any):
# annotations, outputs, the job summary, and in plan mode the sticky comment (replacing a stale plan).
report_failure() {
  : > "$work/failure.md"
  github errors --what "$1" --log "$2" --exitcode "$3" --json "${4:-/dev/null}" --body-file "$work/failure.md"
  github summary --body-file "$work/failure.md"
  if [ "${MODE:-plan}" = plan ] && is_pull_request; then github comment --body-file "$work/failure.md" --config "$config"; fi
}

# Validates the config; on failure reports its problems (file:line:col) and exits 1.
validate_or_fail() {
  dialform validate -c "$config" > "$work/validate.log" 2>&1
  local rc=$?
  cat "$work/validate.log"
  [ "$rc" = 0 ] && return
  dialform validate -c "$config" --format json > "$work/validate.json" 2> /dev/null
  report_failure "dialform validate" "$work/validate.log" "$rc" "$work/validate.json"
  [ "${MODE:-plan}" = apply ] && github receipt --result error --exitcode "$rc"
  exit "$rc"
}

# Plans into $work/$1.json (applicable) and $1.md (the comment); for plan and drift the artifact
# directory gets plan.md and either plan.json or, when redacting, only plan.redacted.json (the
# unredacted plan never leaves the runner). Both carry the fingerprint. Sets $code; on a failure
# reports it.
make_plan() {
  local name="$1" base=() changed=()
  [ -n "${BASE:-}" ] && [ "$name" = plan ] && base=(--base "$BASE")
  # On a pull request: which offices the changed files own, checked against the plan (docs/owners.md).
  if [ "$name" = plan ] && [ -n "${BASE:-}" ] && is_pull_request && git diff --name-only "$BASE...HEAD" > "$work/changed.txt" 2> /dev/null; then
    changed=(--changed "$work/changed.txt")
  fi
  dialform plan -c "$config" "${base[@]}" "${changed[@]}" --out "$work/$name.json" --format markdown --detailed-exitcode "${redact[@]}" > "$work/$name.md" 2> "$work/$name.log"
  code=$?
  cat "$work/$name.log" >&2
  case "$code" in 0 | 2 | 3) ;; *) report_failure "dialform plan" "$work/$name.log" "$code"; return ;; esac
  [ "$name" = plan ] || return 0
  cp "$work/plan.md" "$artifact/plan.md"
  if [ ${#redact[@]} -gt 0 ]; then
    dialform show "$work/plan.json" --format json --redact > "$artifact/plan.redacted.json"
  else
    cp "$work/plan.json" "$artifact/plan.json"
  fi
  echo "artifact=$artifact" >> "${GITHUB_OUTPUT:-/dev/null}"
}

# A blocked plan: the violations in the log (the comment and summary have them too).
explain_blocked() {
  echo "::error title=dialform plan blocked::The plan is blocked by a rule (exit 3); the violations follow and are in the job summary."
  dialform show "$work/plan.json" --format text "${redact[@]}" || true
}

run_plan() {
  validate_or_fail
  make_plan plan
  case "$code" in 0 | 2 | 3) ;; *) exit "$code" ;; esac
  github outputs --plan "$(ls "$artifact"/plan*.json 2> /dev/null | head -n 1)" --exitcode "$code"
  github summary --body-file "$work/plan.md"
  if is_pull_request; then
    github comment --body-file "$work/plan.md" --config "$config" || exit 1
    github label --body-file "$work/plan.md" || exit 1
  fi
  if [ "$code" = 3 ]; then
    explain_blocked
    exit 3
  fi
  exit 0
}

# The fingerprint the reviewers saw: the merged pull request's plan comment (FINGERPRINT), else the
# plan-file input, else the downloaded artifact's plan JSON (redacted or not: same fingerprint).
reviewed_fingerprint() {
  if [ -n "${FINGERPRINT:-}" ]; then echo "$FINGERPRINT"; return; fi
  local file
  for file in "${PLAN_FILE:-}" "${REVIEWED_DIR:-/nonexistent}"/plan*.json; do
    [ -n "$file" ] && [ -f "$file" ] && github fingerprint --plan "$file" && return
  done
}

# Exit 4 (waiting for a manual step or stopped part way): what is left, in the job summary.
explain_waiting() {
  dialform plan -c "$config" --format json "${redact[@]}" > "$work/left.json" 2> /dev/null
  case $? in 0 | 2 | 3) github manual --plan "$work/left.json" ;; *) github manual --plan /dev/null 2> /dev/null || true ;; esac
}

# The fresh plan differs from the reviewed one: nothing was written. Tell the pull request (or one
# issue) with the new plan, say it in the log and job summary, fail.
report_changed() {
  local reviewed="$1" now="$2"
  {
    echo "### ⚠️ dialform apply: the plan changed after review — nothing was applied"
    echo
    echo "The plan reviewed here had fingerprint \`$reviewed\`; planning \`$config\` against Dialpad after the merge gives \`${now:-none}\`, so Dialpad or the config changed since the review (someone changed Dialpad by hand, or another change was merged). **Nothing was written to Dialpad.** The new plan is below: to apply it, get it reviewed in a pull request (or change the config to keep the hand-made change), then merge."
    echo
    cat "$work/fresh.md"
  } > "$work/changed.md"
  echo "::error title=dialform apply: plan changed after review::Reviewed fingerprint $reviewed, fresh plan ${now:-none}: nothing applied. The new plan is in the job summary and on the pull request."
  if [ -n "${PULL:-}" ]; then
    github comment --kind apply --pull "$PULL" --body-file "$work/changed.md" --config "$config" || true
  else
    github notice --body-file "$work/changed.md" --config "$config" || true
  fi
  github receipt --result differs --exitcode 1 --plan "$work/fresh.json" --reviewed "$reviewed" --body-file "$work/changed.md"
  exit 1
}

# Another run of this workflow on this branch in progress may be applying the same config: two
# applies at once each plan without the other's writes (a duplicate, or an older commit deleting
# what a newer one keeps). Refuse, write nothing, fail; re-running the job once it ends is safe.
# GitHub's `concurrency:` key (docs/ci.md) queues such runs instead; this is the check for workflows
# without it. When the runs cannot be listed (no `actions: read`), say so and go on.
refuse_beside_other_runs() {
  local others
  if ! others="$(github concurrent)"; then
    echo "::warning title=dialform apply: other runs not checked::Could not list this workflow's runs in progress (the token needs actions: read); set concurrency: in the workflow (docs/ci.md) so two applies never run at once."
    return 0
  fi
  [ -z "$others" ] && return 0
  {
    echo "Another run of this workflow on this branch is in progress and may be applying \`$config\`; two applies at once would each plan without the other's changes. **Nothing was written to Dialpad.** Re-run this job once it has finished (apply plans afresh then), and set \`concurrency:\` in the workflow so runs queue instead (docs/ci.md)."
    echo
    echo "$others" | sed 's/^/- /'
  } > "$work/concurrent.md"
  echo "::error title=dialform apply: another run is in progress::Another run of this workflow is in progress ($(echo "$others" | tr '\n' ' ')): nothing applied. Re-run this job once it has finished; set concurrency: in the workflow so runs queue."
  github receipt --result concurrent --exitcode 1 --plan "$work/fresh.json" --reviewed "$1" --body-file "$work/concurrent.md"
  exit 1
}

run_apply() {
  local journal=(--journal "${JOURNAL:-.dialform/journal.jsonl}") reviewed now expect=()
  local changed_ok=false
  [ "${ON_PLAN_CHANGED:-fail}" = apply ] && changed_ok=true
  reviewed="$(reviewed_fingerprint)"
  if [ -z "$reviewed" ] && [ "$changed_ok" != true ]; then
    echo "::error title=dialform apply: no reviewed plan::Found no reviewed plan for this commit (no plan comment by this action on a merged pull request, no plan artifact, no plan-file): nothing applied. Merge config changes through a pull request whose plan job ran, or set on-plan-changed: apply (unsafe)."
    github receipt --result unreviewed --exitcode 1
    exit 1
  fi
  validate_or_fail
  make_plan fresh
  case "$code" in 0 | 2 | 3) ;; *) github receipt --result error --exitcode "$code"; exit "$code" ;; esac
  now="$(github fingerprint --plan "$work/fresh.json")"
  if [ -n "$reviewed" ]; then
    echo "Reviewed plan: $reviewed; fresh plan: ${now:-none}"
    expect=(--expect-fingerprint "$reviewed")
  else
    echo "::warning title=dialform apply: unreviewed::No reviewed plan found; on-plan-changed: apply applies the fresh plan ${now:-} unreviewed."
  fi
  refuse_beside_other_runs "$reviewed"
  # --format json: the outcome (or the error, with its code) is one JSON document on stdout. With
  # redact, apply masks what it prints (its plan, progress, report and errors) as plan masks the comment.
  dialform apply "$work/fresh.json" -c "$config" --auto-approve "${expect[@]}" "${journal[@]}" "${redact[@]}" --format json > "$work/apply.json" 2> "$work/apply.log"
  code=$?
  cat "$work/apply.log" >&2
  if [ "$code" = 1 ] && [ "$(github error-code --json "$work/apply.json")" = plan_changed ]; then
    if [ "$changed_ok" != true ]; then report_changed "$reviewed" "$now"; fi
    echo "::warning title=dialform apply: unreviewed::The plan changed after review ($reviewed → $now); on-plan-changed: apply applies it anyway."
    dialform apply "$work/fresh.json" -c "$config" --auto-approve "${journal[@]}" "${redact[@]}"
    code=$?
  fi
  local result=error
  case "$code" in 0) result=done ;; 3) result=blocked ;; 4) result=waiting ;; esac
  [ "$result" = error ] && report_failure "dialform apply" "$work/apply.log" "$code" "$work/apply.json"
  github receipt --result "$result" --exitcode "$code" --plan "$work/fresh.json" --reviewed "$reviewed"
  [ "$code" = 4 ] && explain_waiting
  exit "$code"
}

run_drift() {
  make_plan plan
  case "$code" in 0 | 2 | 3) ;; *) exit "$code" ;; esac
  github outputs --plan "$(ls "$artifact"/plan*.json 2> /dev/null | head -n 1)" --exitcode "$code"
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
