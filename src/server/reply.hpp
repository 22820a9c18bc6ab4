// What an API call answers: an HTTP status and a body.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace thaw::server {

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

// j as JSON text; bytes that are not UTF-8 (a request may send any) become U+FFFD instead of throwing.
std::string json_text(const nlohmann::json& j);

// {"error": message} with the status; thrown by request readers on bad input.
Reply error_reply(int status, const std::string& message);

}  // namespace thaw::server
