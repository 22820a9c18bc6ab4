// What an API call answers: an HTTP status and a body.
#pragma once

#include <string>

namespace thaw::server {

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

// {"error": message} with the status; thrown by request readers on bad input.
Reply error_reply(int status, const std::string& message);

}  // namespace thaw::server
