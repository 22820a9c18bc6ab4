#include "server/guard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace thaw::server {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

// Compares in time that does not depend on where the texts first differ.
// (The length is not secret.)
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || b.empty()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string trimmed(const std::string& s) {
  const size_t first = s.find_first_not_of(" \t");
  return first == std::string::npos ? std::string() : s.substr(first, s.find_last_not_of(" \t") + 1 - first);
}

std::string cookie_value(const std::string& cookies, const std::string& name) {
  size_t at = 0;
  while (at < cookies.size()) {
    const size_t end = std::min(cookies.find(';', at), cookies.size());
    std::string part = cookies.substr(at, end - at);
    part.erase(0, part.find_first_not_of(' '));
    if (part.starts_with(name + "=")) return part.substr(name.size() + 1);
    at = end + 1;
  }
  return {};
}

}  // namespace

bool Guard::host_allowed(const std::string& host_header) const {
  if (host_header.empty()) return true;  // not a browser: browsers always send Host
  std::string host = lower(host_header), port;
  if (host.starts_with("[")) {
    const size_t close = host.find(']');
    if (close == std::string::npos) return false;
    if (close + 1 < host.size()) {
      if (host[close + 1] != ':') return false;
      port = host.substr(close + 2);
    }
    host = host.substr(0, close + 1);
  } else if (const size_t colon = host.rfind(':'); colon != std::string::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (!port.empty() && port != std::to_string(options_.port)) return false;
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host.ends_with(".localhost");
}

bool Guard::authorised(const GuardedRequest& r) const {
  if (options_.token.empty()) return true;
  const std::string bearer = "Bearer ";
  if (r.authorization.starts_with(bearer) && same_secret(r.authorization.substr(bearer.size()), options_.token)) return true;
  if (same_secret(cookie_value(r.cookie, "thaw_token"), options_.token)) return true;
  return same_secret(r.token_parameter, options_.token);
}

std::string Guard::token_cookie() const {
  return fmt::format("thaw_token={}; HttpOnly; SameSite=Strict; Path=/", options_.token);
}

std::optional<Reply> Guard::check(const GuardedRequest& r) const {
  // Without a token the server is this machine's only: a page elsewhere that has its name resolve
  // to 127.0.0.1 (DNS rebinding) still sends its own name as the Host.
  if (options_.token.empty() && !host_allowed(r.host))
    return error_reply(403, "this server answers only requests addressed to localhost (Host header); "
                            "to share it on a network, start it with --token");
  if (!authorised(r)) return error_reply(401, "a token is required: open the address with ?token=<token> once, or send "
                                              "the header Authorization: Bearer <token>");
  // A browser names the page a request comes from; only the server's own pages may use the API.
  if (!r.origin.empty()) {
    const std::string origin = lower(r.origin), host = lower(r.host);
    if (host.empty() || (origin != "http://" + host && origin != "https://" + host))
      return error_reply(403, fmt::format("requests from another site ({}) are refused", r.origin.substr(0, 100)));
  }
  // Only a JSON body: a form or text/plain POST is what another site can send without asking.
  if (r.method == "POST" || r.method == "PUT" || r.method == "PATCH") {
    if (trimmed(lower(r.content_type.substr(0, r.content_type.find(';')))) != "application/json")
      return error_reply(415, "the request body must be JSON (Content-Type: application/json)");
  }
  return std::nullopt;
}

}  // namespace thaw::server
