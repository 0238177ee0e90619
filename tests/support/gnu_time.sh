# Sourced by the tests that measure a peak RSS: sets time_bin (GNU time, whose -f %M prints the peak RSS in
# KiB) or exits 1 naming the package, and makes a scratch folder $dir removed on exit.
time_bin=/usr/bin/time
[[ -x $time_bin ]] || { echo "GNU time ($time_bin, package 'time') is needed to measure the peak RSS" >&2; exit 1; }
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
