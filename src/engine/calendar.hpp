// Months as a strong type, and the calendar that maps a run's steps onto them.
//
//   Month m = Month::parse("1956-02").value();   // also accepts "1956-02-25" (the day is kept
//   Calendar cal{Month::of(1953, 3)};             //  by the caller if it matters)
//   cal.step_of(m) == 35;  cal.month_at(35).str() == "1956-02"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace thaw {

class Month {
 public:
  constexpr Month() = default;
  static constexpr Month of(int year, int month) { return Month(year * 12 + (month - 1)); }
  static constexpr Month from_index(int32_t index) { return Month(index); }

  // "YYYY-MM" or "YYYY-MM-DD"; nullopt for anything else (the day, if given, must be valid).
  static std::optional<Month> parse(std::string_view text);

  constexpr int year() const { return index_ >= 0 ? index_ / 12 : (index_ - 11) / 12; }
  constexpr int month() const { return index_ - year() * 12 + 1; }
  constexpr int32_t index() const { return index_; }
  std::string str() const;          // "1956-02"
  std::string long_name() const;    // "February 1956"

  constexpr Month operator+(int32_t months) const { return Month(index_ + months); }
  constexpr int32_t operator-(Month other) const { return index_ - other.index_; }
  constexpr auto operator<=>(const Month&) const = default;

 private:
  constexpr explicit Month(int32_t index) : index_(index) {}
  int32_t index_ = 0;
};

// A run whose steps are months: step 0 is `start`.
struct Calendar {
  Month start;
  constexpr int64_t step_of(Month m) const { return m - start; }
  constexpr Month month_at(int64_t step) const { return start + static_cast<int32_t>(step); }
};

}  // namespace thaw
