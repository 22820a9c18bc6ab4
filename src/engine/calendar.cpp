#include "engine/calendar.hpp"

#include <array>
#include <charconv>

namespace thaw {

namespace {
bool parse_int(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc{};
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[static_cast<size_t>(month - 1)];
}
}  // namespace

std::optional<Month> Month::parse(std::string_view text) {
  if (text.size() != 7 && text.size() != 10) return std::nullopt;
  if (text[4] != '-') return std::nullopt;
  int year = 0, month = 0;
  if (!parse_int(text.substr(0, 4), year) || !parse_int(text.substr(5, 2), month)) return std::nullopt;
  if (month < 1 || month > 12) return std::nullopt;
  if (text.size() == 10) {
    int day = 0;
    if (text[7] != '-' || !parse_int(text.substr(8, 2), day)) return std::nullopt;
    if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  }
  return Month::of(year, month);
}

std::string Month::str() const {
  std::string s = std::to_string(year());
  s += '-';
  if (month() < 10) s += '0';
  s += std::to_string(month());
  return s;
}

std::string Month::long_name() const {
  static constexpr std::array<const char*, 12> names = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return std::string(names[static_cast<size_t>(month() - 1)]) + " " + std::to_string(year());
}

}  // namespace thaw
