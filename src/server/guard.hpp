// The checks every HTTP request passes before it is routed, without the HTTP library, so that
// they can be tested as a table (tests/server/guard_test.cpp). docs/web.md, "Threat model".
//
//   Guard guard({.port = 8053, .token = ""});
//   if (auto refusal = guard.check(request)) return *refusal;   // 403, 401 or 415
#pragma once

#include "server/reply.hpp"

#include <optional>
#include <string>

namespace thaw::server {

struct GuardOptions {
  int port = 8053;
  std::string token;  // empty: loopback only, and the Host must name this machine
};

struct GuardedRequest {
  std::string method;                // GET, POST, DELETE...
  std::string path;                  // decoded
  std::string host;                  // the Host header ("" if absent)
  std::string origin;                // the Origin header ("" if absent)
  std::string content_type;          // ("" if absent)
  std::string authorization;         // ("" if absent)
  std::string cookie;                // ("" if absent)
  std::string token_parameter;       // ?token=... ("" if absent)
};

class Guard {
 public:
  explicit Guard(GuardOptions options) : options_(std::move(options)) {}

  // The refusal, or nullopt if the request may be routed.
  std::optional<Reply> check(const GuardedRequest& r) const;
  // True if the request carries the token (header, cookie or ?token=); always true without one.
  bool authorised(const GuardedRequest& r) const;

  // The cookie that keeps the token after a visit to /?token=...
  std::string token_cookie() const;

 private:
  bool host_allowed(const std::string& host) const;
  GuardOptions options_;
};

}  // namespace thaw::server
