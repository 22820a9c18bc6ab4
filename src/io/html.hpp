// Text made safe to place in HTML, as element content or inside a double-quoted attribute.
//
//   out += "<td title=\"" + io::html_escape(note) + "\">" + io::html_escape(id) + "</td>";
#pragma once

#include <string>
#include <string_view>

namespace thaw::io {

inline std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace thaw::io
