// thaw serve: the JSON API (api.hpp) and the front-end's static files (web/dist) over HTTP,
// on 127.0.0.1 by default. docs/web.md.
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
  ApiOptions api;
};

// Blocks until the server stops (SIGINT/SIGTERM). Returns 0, or 1 if it could not bind.
int serve(const ServeOptions& options);

}  // namespace thaw::server
