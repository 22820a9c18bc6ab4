// thaw serve: the JSON API (api.hpp) and the front-end's static files (web/dist) over HTTP,
// on 127.0.0.1 by default. docs/web.md ("Limits and threat model").
//
// Every request passes the guard (guard.hpp) before it is routed: the Host header names this
// machine (no DNS rebinding), a browser's Origin is the server's own (no cross-site requests),
// POST bodies are JSON, and, when a token is set, the token is presented.
#pragma once

#include "server/api.hpp"

#include <filesystem>
#include <string>

namespace thaw::server {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8053;
  std::filesystem::path static_dir;      // web/dist; empty: found next to the source tree
  size_t max_body_bytes = 64 * 1024;     // larger bodies -> 413
  int http_threads = 8;
  // Required to listen beyond this machine: every request must then present it (docs/web.md).
  std::string token;
  ApiOptions api;
};

// 127.0.0.1, ::1, localhost and the like: only this machine can connect.
bool is_loopback(const std::string& host);

// Blocks until the server stops (SIGINT/SIGTERM: running runs are asked to stop, and it returns
// within a few seconds). Returns 0, or 1 if it could not listen (the port in use, say), or 2 if
// asked to listen beyond this machine without a token.
int serve(const ServeOptions& options);

}  // namespace thaw::server
