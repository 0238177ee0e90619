#!/usr/bin/env bash
# adasolve-ipopt-peer runs Ipopt with its own options only: an ipopt.opt in the working directory (here one
# that allows no iteration) must not change the benchmark's peer.
#   ipopt_peer_ignores_options_file.sh ADASOLVE_IPOPT_PEER DIR
set -euo pipefail
peer=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
printf 'max_iter 0\n' > ipopt.opt
out=$("$peer" --problem HS6)
iterations=$(sed -E 's/.*"iterations":(-?[0-9]+).*/\1/' <<<"$out")
if ! [[ $iterations =~ ^[0-9]+$ ]] || (( iterations < 1 )); then
  echo "the peer read ipopt.opt (max_iter 0): $out" >&2
  exit 1
fi
echo "ipopt.opt ignored: $iterations iterations"
