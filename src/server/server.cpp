#include "server/server.hpp"

#include "app/record.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <csignal>

namespace thaw::server {

namespace {

httplib::Server* running = nullptr;

void on_signal(int) {
  if (running) running->stop();
}

void send(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  res.set_content(r.body, r.content_type.c_str());
}

}  // namespace

int serve(const ServeOptions& options) {
  Api api(options.api);
  httplib::Server server;
  server.new_task_queue = [n = options.http_threads] { return new httplib::ThreadPool(size_t(n)); };
  server.set_payload_max_length(options.max_body_bytes);

  server.Get("/api/scenarios", [&](const httplib::Request&, httplib::Response& res) { send(res, api.scenarios()); });
  server.Get(R"(/api/scenarios/([^/]+))",
             [&](const httplib::Request& req, httplib::Response& res) { send(res, api.scenario(req.matches[1])); });
  server.Post("/api/runs", [&](const httplib::Request& req, httplib::Response& res) { send(res, api.start_run(req.body)); });
  server.Get(R"(/api/runs/([^/]+))",
             [&](const httplib::Request& req, httplib::Response& res) { send(res, api.run_status(req.matches[1])); });
  server.Get(R"(/api/runs/([^/]+)/report)",
             [&](const httplib::Request& req, httplib::Response& res) { send(res, api.run_report(req.matches[1])); });
  server.Post("/api/play", [&](const httplib::Request& req, httplib::Response& res) { send(res, api.start_play(req.body)); });
  server.Get(R"(/api/play/([^/]+))",
             [&](const httplib::Request& req, httplib::Response& res) { send(res, api.play_status(req.matches[1])); });
  server.Get(R"(/api/play/([^/]+)/report)",
             [&](const httplib::Request& req, httplib::Response& res) { send(res, api.play_report(req.matches[1])); });
  server.Post(R"(/api/play/([^/]+)/choose)", [&](const httplib::Request& req, httplib::Response& res) {
    send(res, api.choose(req.matches[1], req.body));
  });

  // Errors httplib raises itself (413 body too large, 404 unknown path) come back as JSON too.
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message = res.status == 413 ? "request body too large"
                          : res.status == 404 ? fmt::format("nothing at {}", req.path.substr(0, 100))
                                              : fmt::format("HTTP error {}", res.status);
    res.set_content(nlohmann::json{{"error", message}}.dump(), "application/json");
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string message = "internal error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      message = e.what();
    } catch (...) {
    }
    res.status = 500;
    res.set_content(nlohmann::json{{"error", message}}.dump(), "application/json");
  });

  auto dir = options.static_dir.empty() ? app::find_data_file("web/dist") : options.static_dir;
  if (std::filesystem::is_directory(dir)) {
    server.set_mount_point("/", dir.string());
  } else {
    fmt::print(stderr, "thaw serve: no front-end at {} (run: cd web && npm ci && npm run build); serving the API only\n",
               dir.string());
    server.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<!doctype html><title>thaw</title><p>The front-end is not built: cd web &amp;&amp; npm ci &amp;&amp; npm run build</p>",
                      "text/html; charset=utf-8");
    });
  }

  if (!server.bind_to_port(options.host, options.port)) {
    fmt::print(stderr, "thaw serve: cannot listen on {}:{}\n", options.host, options.port);
    return 1;
  }
  fmt::print("thaw serve: http://{}:{}/  (Ctrl-C stops)\n", options.host, options.port);
  std::fflush(stdout);
  running = &server;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  server.listen_after_bind();
  running = nullptr;
  return 0;
}

}  // namespace thaw::server
