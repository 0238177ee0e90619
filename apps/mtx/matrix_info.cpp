#include "mtx/matrix_info.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "common/json_lines.hpp"

namespace adasolve::mtx {

using namespace adasolve::backend;

double max_asymmetry(const CsrMatrix& a) {
  const CsrMatrix t = a.transpose();
  double worst = 0.0;
  for (Index i = 0; i < a.rows(); ++i) {
    Index p = a.row_offsets()[i];
    Index q = t.row_offsets()[i];
    const Index p_end = a.row_offsets()[i + 1];
    const Index q_end = t.row_offsets()[i + 1];
    while (p < p_end || q < q_end) {
      const Index ja = p < p_end ? a.column_indices()[p] : a.cols();
      const Index jt = q < q_end ? t.column_indices()[q] : a.cols();
      const double va = ja <= jt ? a.values()[p++] : 0.0;
      const double vt = jt <= ja ? t.values()[q++] : 0.0;
      if (std::isnan(va) && std::isnan(vt)) {
        continue;  // a nan pair is symmetric storage of a nan
      }
      const double d = std::abs(va - vt);
      if (std::isnan(d)) {
        return d;  // nan against a number, or inf - inf: not symmetric
      }
      worst = std::max(worst, d);
    }
  }
  return worst;
}

namespace {

/// Decides SPD when it is cheap: symmetric, finite, positive diagonal, n <= kSpdCheckLimit, then CHOLMOD.
std::string decide_spd(const MatrixInfo& info, const CsrMatrix& a, double& seconds) {
  if (!a.is_square()) {
    return "no (not square)";
  }
  if (a.rows() == 0) {
    return "not decided (empty matrix)";
  }
  if (info.non_finite > 0) {
    return "no (non-finite entries)";
  }
  if (!info.numerically_symmetric) {
    return "no (not symmetric)";
  }
  for (Index i = 0; i < a.rows(); ++i) {
    if (!(a.diagonal(i) > 0.0)) {
      return "no (diagonal entry " + std::to_string(i + 1) + " is not positive)";
    }
  }
  if (a.rows() > kSpdCheckLimit) {
    return "not decided (n > " + std::to_string(kSpdCheckLimit) + ")";
  }
  const auto start = std::chrono::steady_clock::now();
  try {
    CholmodFactor factor(a);
    seconds = seconds_since(start);
    return "yes";
  } catch (const InputError& e) {
    seconds = seconds_since(start);
    return std::string("no (") + e.what() + ")";
  }
}

std::string format_number(double v) {
  std::ostringstream out;
  out.precision(6);
  out << v;
  return out.str();
}

}  // namespace

std::string MatrixInfo::diagonal_dominance() const {
  if (header.rows != header.cols) {
    return "n/a";
  }
  if (rows_not_strict == 0) {
    return "strictly";
  }
  return rows_not_dominant == 0 ? "weakly" : "no";
}

MatrixInfo describe(const std::string& file, const io::MatrixMarketHeader& header, const CsrMatrix& a) {
  MatrixInfo info;
  info.file = file;
  info.format = io::to_string(header.format);
  info.header = header;
  info.full_entries = a.nnz();
  info.min_abs = 0.0;
  for (double v : a.values()) {
    const double m = std::abs(v);
    if (!std::isfinite(v)) {
      ++info.non_finite;
    } else if (v == 0.0) {
      ++info.explicit_zeros;
    } else {
      info.min_abs = info.min_abs == 0.0 ? m : std::min(info.min_abs, m);
    }
    info.max_abs = std::isnan(m) ? info.max_abs : std::max(info.max_abs, m);
  }
  if (a.is_square()) {
    const double diff = max_asymmetry(a);
    info.numerically_symmetric = diff == 0.0;
    info.asymmetry = info.max_abs > 0.0 && std::isfinite(info.max_abs) ? diff / info.max_abs : diff;
    for (Index i = 0; i < a.rows(); ++i) {
      // Row i is diagonally dominant when |a_ii| >= sum_{j != i} |a_ij| (strictly: >).
      double off = 0.0;
      for (Index k = a.row_offsets()[i]; k < a.row_offsets()[i + 1]; ++k) {
        off += a.column_indices()[k] == i ? 0.0 : std::abs(a.values()[k]);
      }
      const double d = std::abs(a.diagonal(i));
      info.rows_not_dominant += d >= off ? 0 : 1;
      info.rows_not_strict += d > off ? 0 : 1;
      if (a.diagonal_positions()[i] < 0) {
        ++info.missing_diagonal;
      } else if (a.diagonal(i) == 0.0) {
        ++info.zero_diagonal;
      }
    }
  }
  info.spd = decide_spd(info, a, info.spd_seconds);
  return info;
}

nlohmann::json to_json(const MatrixInfo& info) {
  const auto& h = info.header;
  nlohmann::json j;
  j["file"] = info.file;
  j["object"] = h.object == io::MmObject::vector ? "vector" : "matrix";
  j["format"] = info.format;
  j["field"] = io::to_string(h.field);
  j["symmetry"] = io::to_string(h.symmetry);
  j["rows"] = h.rows;
  j["cols"] = h.cols;
  j["stored_entries"] = h.entries;
  j["full_entries"] = info.full_entries;
  j["square"] = h.rows == h.cols;
  j["numerically_symmetric"] = info.numerically_symmetric;
  j["relative_asymmetry"] = app::json_number(info.asymmetry);  // NaN/Inf (non-finite entries): null
  j["diagonal_dominance"] = info.diagonal_dominance();
  j["rows_not_diagonally_dominant"] = info.rows_not_dominant;
  j["missing_diagonal_entries"] = info.missing_diagonal;
  j["zero_diagonal_entries"] = info.zero_diagonal;
  j["explicit_zeros"] = info.explicit_zeros;
  j["non_finite_entries"] = info.non_finite;
  j["min_abs_nonzero"] = app::json_number(info.min_abs);
  j["max_abs"] = app::json_number(info.max_abs);
  j["spd"] = info.spd;
  j["spd_check_seconds"] = info.spd_seconds;
  return j;
}

std::string to_table(const MatrixInfo& info) {
  const auto& h = info.header;
  const bool square = h.rows == h.cols;
  const std::pair<std::string, std::string> rows[] = {
      {"file", info.file},
      {"size", std::to_string(h.rows) + " x " + std::to_string(h.cols)},
      {"storage", info.format + " " + io::to_string(h.field) + " " + io::to_string(h.symmetry)},
      {"stored entries", std::to_string(h.entries)},
      {"full entries", std::to_string(info.full_entries)},
      {"numerically symmetric", !square                      ? "n/a (not square)"
                                : info.numerically_symmetric ? "yes"
                                                             : "no (max |a_ij - a_ji| / max |a_ij| = " +
                                                                   format_number(info.asymmetry) + ")"},
      {"diagonal dominance", info.diagonal_dominance() +
                                 (square && info.rows_not_dominant > 0
                                      ? " (" + std::to_string(info.rows_not_dominant) + " rows not dominant)"
                                      : "")},
      {"missing diagonal", square ? std::to_string(info.missing_diagonal) : "n/a"},
      {"zero diagonal", square ? std::to_string(info.zero_diagonal) : "n/a"},
      {"min |a_ij| (nonzero)", format_number(info.min_abs)},
      {"max |a_ij|", format_number(info.max_abs)},
      {"explicit zeros", std::to_string(info.explicit_zeros)},
      {"non-finite entries", std::to_string(info.non_finite)},
      {"SPD (Cholesky test)", info.spd},
  };
  std::size_t width = 0;
  for (const auto& [key, value] : rows) {
    width = std::max(width, key.size());
  }
  std::string out;
  for (const auto& [key, value] : rows) {
    out += key + std::string(width + 2 - key.size(), ' ') + value + "\n";
  }
  return out;
}

}  // namespace adasolve::mtx
