#!/usr/bin/env bash
# clang-format over every C++ file of lib, apps, tests and examples, as .clang-format says.
#   tests/style/format_all.sh [--check] [SOURCE_DIR] [CLANG_FORMAT]
# Without --check: rewrites the files in place. With --check: changes nothing, names every file that differs
# and exits 1 if any does (the ctest style:clang_format). CLANG_FORMAT defaults to clang-format; the check
# is pinned to Debian 12's clang-format 14, since other versions format some constructs differently.
set -euo pipefail
mode=fix
if [[ "${1:-}" == "--check" ]]; then
  mode=check
  shift
fi
source_dir="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
clang_format="${2:-clang-format}"
cd "$source_dir"
mapfile -d '' files < <(find lib apps tests examples -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) \
                          -print0 | sort -z)
if [[ "$mode" == fix ]]; then
  "$clang_format" -i --style=file "${files[@]}"
  echo "formatted ${#files[@]} files with $("$clang_format" --version)"
  exit 0
fi
differing=()
for file in "${files[@]}"; do
  if ! "$clang_format" --dry-run --Werror --style=file "$file" >/dev/null 2>&1; then
    differing+=("$file")
  fi
done
if ((${#differing[@]})); then
  printf '%s\n' "${differing[@]}"
  echo "${#differing[@]} of ${#files[@]} files differ from .clang-format: run tests/style/format_all.sh" >&2
  exit 1
fi
echo "${#files[@]} files match .clang-format"
