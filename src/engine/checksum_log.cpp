#include "engine/checksum_log.hpp"

#include "engine/checksum.hpp"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace thaw {

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(field);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

}  // namespace

void ChecksumLog::add(int64_t step, std::string date, std::string phase, std::vector<uint64_t> parts) {
  if (parts.size() != part_names_.size())
    throw std::logic_error(fmt::format("checksum log: {} parts given, {} named", parts.size(), part_names_.size()));
  rows_.push_back({step, std::move(date), std::move(phase), std::move(parts)});
}

ChecksumLog ChecksumLog::yearly() const {
  ChecksumLog out(part_names_);
  // Rows of one year and phase, in the order the year's first step gives them.
  std::map<std::pair<std::string, std::string>, size_t> index;
  std::vector<std::vector<Checksum>> folds;
  for (const auto& r : rows_) {
    const std::string year = r.date.substr(0, 4);
    auto [it, fresh] = index.try_emplace({year, r.phase}, out.rows_.size());
    if (fresh) {
      out.rows_.push_back({r.step, year, r.phase, {}});
      folds.emplace_back(part_names_.size());
    }
    auto& fold = folds[it->second];
    for (size_t p = 0; p < r.parts.size(); ++p) fold[p].add(r.parts[p]);
  }
  for (size_t i = 0; i < out.rows_.size(); ++i)
    for (const auto& c : folds[i]) out.rows_[i].parts.push_back(c.value());
  return out;
}

std::string ChecksumLog::to_csv() const {
  std::string out = "step,date,phase";
  for (const auto& n : part_names_) out += "," + n;
  out += '\n';
  for (const auto& r : rows_) {
    out += fmt::format("{},{},{}", r.step, r.date, r.phase);
    for (uint64_t p : r.parts) out += fmt::format(",{:016x}", p);
    out += '\n';
  }
  return out;
}

void ChecksumLog::write_csv(const std::filesystem::path& path) const {
  std::ofstream f(path);
  f << to_csv();
  if (!f) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

ChecksumLog ChecksumLog::read_csv(const std::filesystem::path& path) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error(fmt::format("cannot read {}", path.string()));
  std::stringstream text;
  text << f.rdbuf();
  return parse_csv(text.str(), path.string());
}

ChecksumLog ChecksumLog::parse_csv(const std::string& text, const std::string& where) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error(fmt::format("{}: empty, expected a header step,date,phase,...", where));
  const auto head = split(line);
  if (head.size() < 3 || head[0] != "step" || head[1] != "date" || head[2] != "phase")
    throw std::runtime_error(fmt::format("{}:1: expected a header step,date,phase,... (a checksums.csv of thaw run --checksums)", where));
  ChecksumLog log(std::vector<std::string>(head.begin() + 3, head.end()));
  for (size_t n = 2; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    const auto f = split(line);
    if (f.size() != head.size())
      throw std::runtime_error(fmt::format("{}:{}: {} fields, expected {}", where, n, f.size(), head.size()));
    Row r;
    const auto [ptr, ec] = std::from_chars(f[0].data(), f[0].data() + f[0].size(), r.step);
    if (ec != std::errc() || ptr != f[0].data() + f[0].size())
      throw std::runtime_error(fmt::format("{}:{}: step '{}' is not a number", where, n, f[0]));
    r.date = f[1];
    r.phase = f[2];
    for (size_t p = 3; p < f.size(); ++p) {
      uint64_t v = 0;
      const auto [q, e] = std::from_chars(f[p].data(), f[p].data() + f[p].size(), v, 16);
      if (e != std::errc() || q != f[p].data() + f[p].size() || f[p].empty())
        throw std::runtime_error(fmt::format("{}:{}: {} '{}' is not a hexadecimal checksum", where, n, head[p], f[p]));
      r.parts.push_back(v);
    }
    log.rows_.push_back(std::move(r));
  }
  return log;
}

std::optional<Divergence> first_divergence(const ChecksumLog& a, const ChecksumLog& b) {
  if (a.part_names() != b.part_names())
    throw std::runtime_error("the two checksum logs have different columns: they come from different kinds of run");
  const auto& ra = a.rows();
  const auto& rb = b.rows();
  for (size_t i = 0; i < ra.size() && i < rb.size(); ++i) {
    const auto& x = ra[i];
    const auto& y = rb[i];
    Divergence d{i, x.step, x.date, x.phase, {}, {}};
    if (x.step != y.step || x.date != y.date || x.phase != y.phase) {
      d.parts = a.part_names();
      d.note = fmt::format("the rows do not match up: {} {} {} against {} {} {}", x.step, x.date, x.phase, y.step, y.date, y.phase);
      return d;
    }
    for (size_t p = 0; p < x.parts.size(); ++p)
      if (x.parts[p] != y.parts[p]) d.parts.push_back(a.part_names()[p]);
    if (!d.parts.empty()) return d;
  }
  if (ra.size() == rb.size()) return std::nullopt;
  const auto& longer = ra.size() > rb.size() ? ra : rb;
  const auto& r = longer[std::min(ra.size(), rb.size())];
  return Divergence{std::min(ra.size(), rb.size()), r.step, r.date, r.phase, {},
                    fmt::format("one log ends here ({} rows against {})", ra.size(), rb.size())};
}

}  // namespace thaw
