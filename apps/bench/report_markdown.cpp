#include "bench/report_markdown.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace adasolve::bench::report {

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

std::string trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) {
    return "";
  }
  return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string f; in >> f;) {
    out.push_back(f);
  }
  return out;
}

/// A JSON value as a table cell: strings bare, null as "-", whole numbers in full, other floating-point
/// numbers to 4 significant digits (the benchmarks' timings are not more precise than that), '|' escaped.
std::string cell(const nlohmann::json& v) {
  std::string s;
  if (v.is_string()) {
    s = v.get<std::string>();
  } else if (v.is_null()) {
    s = "-";
  } else if (v.is_number_float()) {
    const double x = v.get<double>();
    s = std::abs(x) < 1e15 && x == std::floor(x) ? fmt::format("{:.0f}", x) : fmt::format("{:.4g}", x);
  } else {
    s = v.dump();
  }
  std::string out;
  for (char c : s) {
    out += c == '|' ? std::string("\\|") : std::string(1, c);
  }
  return out;
}

std::string table_row(const std::vector<std::string>& cells) {
  return fmt::format("| {} |\n", fmt::join(cells, " | "));
}

std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out = table_row(header);
  out += table_row(std::vector<std::string>(header.size(), "---"));
  for (const auto& row : rows) {
    out += table_row(row);
  }
  return out;
}

/// Moves the columns that hold one value in every row (a record's run settings: experiment, sizes, seed) out
/// of a table of two or more rows, into a line above it: "Same in every row: key = value, ...". Returns that
/// line (empty when no column moves); keeps at least one column in the table.
std::string same_in_every_row(std::vector<std::string>& keys, std::vector<std::vector<std::string>>& rows) {
  if (rows.size() < 2) {
    return {};
  }
  std::vector<bool> constant(keys.size(), true);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < keys.size(); ++c) {
      constant[c] = constant[c] && row[c] == rows.front()[c];
    }
  }
  if (std::count(constant.begin(), constant.end(), false) == 0) {
    return {};
  }
  std::vector<std::string> moved, kept_keys;
  for (std::size_t c = 0; c < keys.size(); ++c) {
    (constant[c] ? moved : kept_keys).push_back(constant[c] ? keys[c] + " = " + rows.front()[c] : keys[c]);
  }
  if (moved.empty()) {
    return {};
  }
  for (auto& row : rows) {
    std::vector<std::string> kept;
    for (std::size_t c = 0; c < keys.size(); ++c) {
      if (!constant[c]) {
        kept.push_back(row[c]);
      }
    }
    row = std::move(kept);
  }
  keys = std::move(kept_keys);
  return fmt::format("Same in every row: {}.\n\n", fmt::join(moved, ", "));
}

/// Objects of one key set as one table; an object of objects as rows named by its keys.
std::string json_tables(const std::vector<nlohmann::json>& objects) {
  std::string out;
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> rows;
  const auto flush = [&] {
    if (!rows.empty()) {
      std::string block = same_in_every_row(keys, rows);  // first: it removes columns from keys and rows
      block += table(keys, rows);
      out += out.empty() ? block : fmt::format("\n{}", block);
    }
    rows.clear();
  };
  for (const auto& object : objects) {
    bool nested = !object.empty();
    for (const auto& [k, v] : object.items()) {
      nested = nested && v.is_object();
    }
    if (nested) {  // {"row name": {"column": value, ...}, ...}
      flush();
      std::vector<std::string> columns;
      std::set<std::string> seen;
      for (const auto& [k, v] : object.items()) {
        for (const auto& [c, x] : v.items()) {
          if (seen.insert(c).second) {
            columns.push_back(c);
          }
        }
      }
      keys = {"name"};
      keys.insert(keys.end(), columns.begin(), columns.end());
      for (const auto& [k, v] : object.items()) {
        std::vector<std::string> row{k};
        for (const auto& c : columns) {
          row.push_back(v.contains(c) ? cell(v[c]) : "-");
        }
        rows.push_back(row);
      }
      flush();
      continue;
    }
    std::vector<std::string> object_keys;
    for (const auto& [k, v] : object.items()) {
      object_keys.push_back(k);
    }
    if (object_keys != keys) {
      flush();
      keys = object_keys;
    }
    std::vector<std::string> row;
    for (const auto& [k, v] : object.items()) {
      row.push_back(cell(v));
    }
    rows.push_back(row);
  }
  flush();
  return out;
}

/// Cells of a markdown table row: split at '|' outside code spans, escaped "\|" kept inside its cell.
std::vector<std::string> row_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string current;
  bool code = false;
  const std::string s = trim(line);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size() && s[i + 1] == '|') {
      current += "\\|";
      ++i;
    } else if (c == '`') {
      code = !code;
      current += c;
    } else if (c == '|' && !code) {
      cells.push_back(trim(current));
      current.clear();
    } else {
      current += c;
    }
  }
  cells.push_back(trim(current));
  // A row starts (and normally ends) with '|': drop the empty cells outside the outer pipes.
  if (!cells.empty() && cells.front().empty()) {
    cells.erase(cells.begin());
  }
  if (!cells.empty() && cells.back().empty() && s.back() == '|') {
    cells.pop_back();
  }
  return cells;
}

bool is_separator(const std::vector<std::string>& cells) {
  for (const auto& c : cells) {
    const auto dashes = c.find_first_not_of(":-");
    if (c.find('-') == std::string::npos || dashes != std::string::npos) {
      return false;
    }
  }
  return !cells.empty();
}

}  // namespace

std::string render_output(const std::string& output) {
  const auto lines = lines_of(output);
  std::vector<std::string> kept;
  for (const auto& line : lines) {
    if (!trim(line).empty()) {
      kept.push_back(line);
    }
  }
  if (kept.empty()) {
    return "(the benchmark printed nothing)\n";
  }
  // Markdown tables as printed, with the text around them.
  bool has_table = false;
  for (const auto& line : kept) {
    has_table = has_table || trim(line).rfind("|", 0) == 0;
  }
  if (has_table) {
    return output;
  }
  // JSON: one object, or one object per line.
  std::vector<nlohmann::json> objects;
  try {
    const auto whole = nlohmann::json::parse(output);
    if (whole.is_object()) {
      objects.push_back(whole);
    }
  } catch (const nlohmann::json::exception&) {
    try {
      for (const auto& line : kept) {
        objects.push_back(nlohmann::json::parse(line));
        if (!objects.back().is_object()) {
          objects.clear();
          break;
        }
      }
    } catch (const nlohmann::json::exception&) {
      objects.clear();
    }
  }
  if (!objects.empty()) {
    // The output contract's record keys (common/json_lines.hpp) are the same in every row of one run: as
    // table columns they would only repeat the record type and the build.
    for (auto& object : objects) {
      for (const char* key : {"schema", "version", "git_revision"}) {
        object.erase(key);
      }
    }
    return json_tables(objects);
  }
  // An aligned text table: every line has the same number of fields.
  const std::size_t columns = fields(kept.front()).size();
  bool aligned = columns >= 2 && kept.size() >= 2;
  for (const auto& line : kept) {
    aligned = aligned && fields(line).size() == columns;
  }
  if (aligned) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 1; i < kept.size(); ++i) {
      rows.push_back(fields(kept[i]));
    }
    return table(fields(kept.front()), rows);
  }
  return fmt::format("```text\n{}{}```\n", output, output.back() == '\n' ? "" : "\n");
}

std::string replace_block(const std::string& page, const std::string& name, const std::string& block) {
  const std::string begin = "<!-- begin adasolve-bench report: " + name + " -->";
  const std::string end = "<!-- end adasolve-bench report: " + name + " -->";
  const std::string body =
      fmt::format("{}\n{}{}{}", begin, block, block.empty() || block.back() == '\n' ? "" : "\n", end);
  const auto b = page.find(begin);
  const auto e = b == std::string::npos ? std::string::npos : page.find(end, b);
  if (b != std::string::npos && e != std::string::npos) {
    return page.substr(0, b) + body + page.substr(e + end.size());
  }
  const std::string heading = "## Regenerated by `adasolve-bench report`";
  std::string out = page;
  if (!out.empty() && out.back() != '\n') {
    out += "\n";
  }
  if (out.find(heading) == std::string::npos) {
    out += fmt::format("{}{}\n\n", out.empty() ? "" : "\n", heading) +
           "The blocks below are rewritten by `adasolve-bench report` (see [README.md](README.md)); the text "
           "above "
           "them is not.\n";
  }
  return fmt::format("{}\n{}\n", out, body);
}

std::vector<std::string> check_page(const std::string& text) {
  std::vector<std::string> problems;
  const auto lines = lines_of(text);
  bool fenced = false, sh_block = false, has_command = false;
  std::size_t header_cells = 0;
  int table_row_index = -1;  // -1: not in a table
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string line = trim(lines[i]);
    const int number = static_cast<int>(i) + 1;
    if (line.rfind("```", 0) == 0) {
      if (!fenced) {
        sh_block = line == "```sh" || line == "```bash" || line == "```console";
      }
      fenced = !fenced;
      table_row_index = -1;
      continue;
    }
    if (fenced) {
      has_command = has_command || (sh_block && !line.empty() && line[0] != '#');
      continue;
    }
    if (line.rfind("|", 0) != 0) {
      table_row_index = -1;
      continue;
    }
    const auto cells = row_cells(line);
    ++table_row_index;
    if (table_row_index == 0) {
      header_cells = cells.size();
    } else if (table_row_index == 1 && !is_separator(cells)) {
      problems.push_back(fmt::format("line {}: a table's second line is not a |---| separator", number));
    } else if (cells.size() != header_cells) {
      problems.push_back(
          fmt::format("line {}: table row has {} cells, its header {}", number, cells.size(), header_cells));
    }
  }
  if (fenced) {
    problems.push_back("a fenced code block is not closed");
  }
  if (!has_command) {
    problems.push_back("no command line (a fenced ```sh block)");
  }
  return problems;
}

}  // namespace adasolve::bench::report
