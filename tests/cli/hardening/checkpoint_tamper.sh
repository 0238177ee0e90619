#!/usr/bin/env bash
# checkpoint_tamper.sh SEQ: checkpoints and learner states that were cut short, edited or garbled must be
# refused on --resume / --state with exit 2 and one line naming the file, never resumed into wrong totals.
# A file's records are re-checksummed where the point is to test the invariants behind the checksum
# (the canonical serialisation is the compact dump, i.e. the text between "records": and ,"runner":).
set -u
seq="$1"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
here="$(cd "$(dirname "$0")" && pwd)"
status=0
run=(--generator poisson --m 8 --instances 6 --solver sor --policy tsallis-inf --seed 4)
cd "$dir" || exit 1
"$seq" "${run[@]}" --checkpoint good.ckpt --state good.state >/dev/null 2>&1 || { echo "setup run failed" >&2; exit 1; }
"$seq" "${run[@]}" --checkpoint good.ckpt --resume >/dev/null 2>&1 || { echo "an untouched checkpoint does not resume" >&2; status=1; }

records_of() { local t; t="$(cat "$1")"; t="${t#*\"records\":}"; printf '%s' "${t%%,\"runner\":*}"; }
# with_records FILE RECORDS OUT: FILE with its records replaced and the checksum recomputed.
with_records() {
  local t prefix suffix sum
  t="$(cat "$1")"
  prefix="${t%%\"records\":*}"
  suffix=",\"runner\":${t#*,\"runner\":}"
  sum="$(printf '%s' "$2" | sha256sum | cut -d' ' -f1)"
  printf '%s"records":%s%s\n' "$prefix" "$2" "$suffix" | sed -E "s/\"checksum\":\"[0-9a-f]*\"/\"checksum\":\"$sum\"/" >"$3"
}
refused() {  # refused NAME FILE REGEX [extra options...]: --resume from FILE must fail naming it
  local name="$1" file="$2" regex="$3"
  shift 3
  if ! "$here/outcome.sh" 2 "^adasolve-seq: error: $file: $regex" - -- "$seq" "${run[@]}" --checkpoint "$file" --resume "$@"; then
    echo "$name: not refused as expected" >&2; status=1
  fi
}
good="$(records_of good.ckpt)"

# Records cut short: the last record dropped (checksum made to match).
with_records good.ckpt "$(printf '%s' "$good" | sed -E 's/,\{[^{}]*\}\]$/]/')" short.ckpt
refused cut-short short.ckpt "runner position 6 does not follow the 5 records"
# A negative iteration count.
with_records good.ckpt "$(printf '%s' "$good" | sed -E 's/"iterations":([0-9]+)/"iterations":-\1/')" negative.ckpt
refused negative negative.ckpt "record 0: iterations, cost, seconds and choice_matvecs must be finite and >= 0"
# Records swapped: indices out of sequence.
with_records good.ckpt "$(printf '%s' "$good" | sed -E 's/"index":0,/"index":1,/')" moved.ckpt
refused index-moved moved.ckpt "record 0: index 1 out of sequence"
# The runner's position moved.
sed -E 's/"position":6/"position":4/' good.ckpt >position.ckpt
refused position-moved position.ckpt "runner position 4 does not follow the 6 records"
# A record edited without updating the checksum.
sed -E 's/"iterations":([0-9]+)/"iterations":1\1/' good.ckpt >edited.ckpt
refused edited edited.ckpt "checksum does not match"
# A garbled random-number generator state in the policy.
sed -E 's/"rng":"[0-9]+ /"rng":"x /' good.ckpt >rng.ckpt
refused rng rng.ckpt ".*rng: not a saved random-number generator state"
# No format version, or a future one.
sed -E 's/"format_version":1,//' good.ckpt >noversion.ckpt
refused no-version noversion.ckpt "no integer format_version"
sed -E 's/"format_version":1,/"format_version":2,/' good.ckpt >future.ckpt
refused future-version future.ckpt "format_version 2 is not supported"
# A field of the wrong JSON type (was a raw json exception, exit 3).
sed -E 's/"identity":"[^"]*"/"identity":7/' good.ckpt >type.ckpt
refused wrong-type type.ckpt "written by a different run \\(7\\)"
sed -E 's/"reason":"[a-z_]+"/"reason":5/' good.ckpt >type2.ckpt
with_records type2.ckpt "$(records_of type2.ckpt)" type3.ckpt
refused wrong-type-record type3.ckpt "malformed checkpoint"

# Learner states: a garbled RNG state and an edit without a new checksum.
sed -E 's/"rng":"[0-9]+ /"rng":"x /' good.state >rng.state
sed -E 's/"last_arm":-?[0-9]+/"last_arm":3/' good.state >edited.state
for f in rng.state edited.state; do
  if ! "$here/outcome.sh" 2 "^adasolve-seq: error: $f: " - -- "$seq" "${run[@]}" --state "$f"; then
    echo "$f: not refused" >&2; status=1
  fi
done
exit $status
