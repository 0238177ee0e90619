#pragma once
// The shape of the DCDM network (spec section 2.1; the layers are described in network.hpp): no libtorch.

#include <cstdint>
#include <span>
#include <string>

#include "adasolve/core/setting_fields.hpp"

namespace adasolve::dcdm {

struct NetworkSpec {
  int channels = 16;  ///< width C
  int fine_pre_blocks = 1;
  int coarse_blocks = 3;  ///< "depth" of the coarse level
  int fine_post_blocks = 2;

  static NetworkSpec from64() { return {16, 1, 3, 2}; }
  static NetworkSpec from128() { return {16, 2, 5, 3}; }
  /// "from64" | "from128" (UsageError otherwise).
  static NetworkSpec named(const std::string& variant);
  /// width (channels >= 1) and depth (coarse_blocks >= 0); unset, they are the variant's.
  static std::span<const SettingField<NetworkSpec>> fields();
  /// Throws UsageError naming the field ("network.channels must be >= 1, got 0").
  void validate() const;
  /// Number of C -> C 3x3x3 convolutions: 2 + 2 (pre + coarse + post blocks).
  int hidden_convolutions() const { return 2 + 2 * (fine_pre_blocks + coarse_blocks + fine_post_blocks); }
  /// (27 + 1) C  +  hidden * (27 C^2 + C)  +  (C + 1).
  std::int64_t parameter_count() const;
  /// Multiply-adds * 2 of one application on a grid of `cells` cells (coarse convs count 1/8).
  double flops(std::int64_t cells) const;
  /// "C16-pre1-coarse3-post2"; "from64" / "from128" for the presets.
  std::string describe() const;
  bool operator==(const NetworkSpec&) const = default;
};

}  // namespace adasolve::dcdm
