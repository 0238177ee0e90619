#pragma once
// Big-endian <-> native conversion of 32-bit integers and doubles (PETSc binary files are big-endian).
#include <bit>
#include <cstdint>
#include <cstring>

namespace adasolve::io::detail {

inline std::uint32_t swap_if_little(std::uint32_t v) {
  if constexpr (std::endian::native == std::endian::little) {
    return __builtin_bswap32(v);
  } else {
    return v;
  }
}

inline std::uint64_t swap_if_little(std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::little) {
    return __builtin_bswap64(v);
  } else {
    return v;
  }
}

/// The big-endian int32 stored at p.
inline std::int32_t load_big_endian_int32(const unsigned char* p) {
  std::uint32_t raw;
  std::memcpy(&raw, p, sizeof raw);
  return static_cast<std::int32_t>(swap_if_little(raw));
}

/// Stores v at p, big-endian.
inline void store_big_endian_int32(std::int32_t v, unsigned char* p) {
  const std::uint32_t raw = swap_if_little(static_cast<std::uint32_t>(v));
  std::memcpy(p, &raw, sizeof raw);
}

}  // namespace adasolve::io::detail
