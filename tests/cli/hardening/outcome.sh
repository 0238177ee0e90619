#!/usr/bin/env bash
# outcome.sh EXIT STDERR_REGEX STDOUT_TARGET -- COMMAND...
# Runs COMMAND with stdout sent to STDOUT_TARGET (a path such as /dev/full, or "-" for a temporary file)
# and stdin from /dev/null, within 60 s. Checks the exit code, that stderr is exactly one line and that it
# matches STDERR_REGEX. Unlike tests/cli/expect, the caller chooses where stdout goes.
set -u
expected="$1" regex="$2" target="$3"
shift 4
err="$(mktemp)" out="$(mktemp)"
trap 'rm -f "$err" "$out"' EXIT
[[ "$target" == "-" ]] && target="$out"
timeout 60 "$@" >"$target" 2>"$err" </dev/null
code=$?
status=0
if [[ "$code" != "$expected" ]]; then echo "expected exit code $expected, got $code" >&2; status=1; fi
lines=$(wc -l <"$err")
if [[ $lines -ne 1 ]]; then echo "expected 1 stderr line, got $lines" >&2; status=1; fi
if ! grep -Eq -- "$regex" "$err"; then echo "stderr does not match /$regex/" >&2; status=1; fi
if [[ $status -ne 0 ]]; then echo "--- command: $*" >&2; head -c 3000 "$err" >&2; fi
exit $status
