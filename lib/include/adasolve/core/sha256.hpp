#pragma once
// SHA-256 (FIPS 180-4), for the checksums of checkpoints and learner states: a file edited by hand or cut
// short no longer matches and is refused instead of silently changing a run's totals.
#include <string>
#include <string_view>

namespace adasolve {

/// The SHA-256 digest of `data` as 64 lowercase hexadecimal digits.
std::string sha256_hex(std::string_view data);

}  // namespace adasolve
