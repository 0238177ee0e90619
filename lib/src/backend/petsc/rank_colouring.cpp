#include "backend/petsc/rank_colouring.hpp"

namespace adasolve::backend::petsc_detail {

std::vector<int> greedy_rank_colouring(const std::vector<std::vector<int>>& adjacency) {
  const int size = static_cast<int>(adjacency.size());
  std::vector<int> colour(static_cast<std::size_t>(size), -1);
  std::vector<char> taken;
  for (int r = 0; r < size; ++r) {
    taken.assign(adjacency[static_cast<std::size_t>(r)].size() + 1, 0);
    for (const int q : adjacency[static_cast<std::size_t>(r)]) {
      const int c = colour[static_cast<std::size_t>(q)];  // -1 for ranks not yet coloured
      if (c >= 0 && c < static_cast<int>(taken.size())) {
        taken[static_cast<std::size_t>(c)] = 1;
      }
    }
    int c = 0;
    while (taken[static_cast<std::size_t>(c)] != 0) {
      ++c;
    }
    colour[static_cast<std::size_t>(r)] = c;
  }
  return colour;
}

}  // namespace adasolve::backend::petsc_detail
