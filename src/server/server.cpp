#include "server/server.hpp"

#include "app/record.hpp"
#include "server/guard.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <cstring>
#include <thread>

#include <pthread.h>

namespace thaw::server {

namespace {

void send(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  res.set_content(r.body, r.content_type.c_str());
}

GuardedRequest guarded(const httplib::Request& req) {
  return {.method = req.method,
          .path = req.path,
          .host = req.get_header_value("Host"),
          .origin = req.get_header_value("Origin"),
          .content_type = req.get_header_value("Content-Type"),
          .authorization = req.get_header_value("Authorization"),
          .cookie = req.get_header_value("Cookie"),
          .token_parameter = req.get_param_value("token")};
}

}  // namespace

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.");
}

int serve(const ServeOptions& options) {
  if (!is_loopback(options.host) && options.token.empty()) {
    fmt::print(stderr, "thaw serve: --host {} would let anyone on the network start runs; give a token too "
                       "(--token <secret>, or THAW_TOKEN in the environment), see docs/web.md\n", options.host);
    return 2;
  }
  // SIGINT and SIGTERM are taken by one thread (sigwait below) rather than a handler, so that the
  // stop can ask the runs to stop too; every thread started from here on inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  Api api(options.api);
  const Guard guard({.port = options.port, .token = options.token});
  httplib::Server server;
  server.new_task_queue = [n = options.http_threads] { return new httplib::ThreadPool(size_t(n)); };
  server.set_payload_max_length(options.max_body_bytes);
  // httplib's default adds SO_REUSEPORT, with which a second server on the port starts without a
  // word and takes half the connections; SO_REUSEADDR alone still allows a quick restart.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof(yes));
  });

  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    const auto request = guarded(req);
    if (auto refusal = guard.check(request)) {
      send(res, *refusal);
      return httplib::Server::HandlerResponse::Handled;
    }
    // The token given in the address once is kept in a cookie, so the page's own requests carry it.
    if (!options.token.empty() && !request.token_parameter.empty()) {
      res.set_header("Set-Cookie", guard.token_cookie());
      res.set_redirect("/");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  server.Get("/api/scenarios", [&](const httplib::Request&, httplib::Response& res) { send(res, api.scenarios()); });
  server.Get("/api/bibliography", [&](const httplib::Request&, httplib::Response& res) { send(res, api.bibliography()); });
  server.Get(R"(/api/scenarios/([^/]+))",
             [&](const httplib::Request& req, httplib::Response& res) { send(res, api.scenario(req.matches[1])); });
  server.Post("/api/runs", [&](const httplib::Request& req, httplib::Response& res) { send(res, api.start_run(req.body)); });
  server.Get(R"(/api/runs/([^/]+))",
             [&](const httplib::Request& req, httplib::Response& res) { send(res, api.run_status(req.matches[1])); });
  server.Delete(R"(/api/runs/([^/]+))",
                [&](const httplib::Request& req, httplib::Response& res) { send(res, api.cancel_run(req.matches[1])); });
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
  server.Post("/api/class", [&](const httplib::Request& req, httplib::Response& res) { send(res, api.start_class(req.body)); });
  server.Get(R"(/api/class/([^/]+))", [&](const httplib::Request& req, httplib::Response& res) {
    send(res, api.class_status(req.matches[1], req.get_param_value("teacher")));
  });
  server.Post(R"(/api/class/([^/]+)/join)",
              [&](const httplib::Request& req, httplib::Response& res) { send(res, api.join_class(req.matches[1], req.body)); });
  server.Post(R"(/api/class/([^/]+)/vote)",
              [&](const httplib::Request& req, httplib::Response& res) { send(res, api.class_vote(req.matches[1], req.body)); });
  server.Post(R"(/api/class/([^/]+)/close)",
              [&](const httplib::Request& req, httplib::Response& res) { send(res, api.close_class_round(req.matches[1], req.body)); });

  // Errors httplib raises itself (413 body too large, 404 unknown path) come back as JSON too. The
  // path is the request's, decoded: it may be any bytes (json_text replaces what is not UTF-8).
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message = res.status == 413 ? "request body too large"
                          : res.status == 404 ? fmt::format("nothing at {}", req.path.substr(0, 100))
                                              : fmt::format("HTTP error {}", res.status);
    res.set_content(json_text(nlohmann::json{{"error", message}}), "application/json");
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    // What was thrown may name the server's files; the answer does not.
    res.status = 500;
    res.set_content(json_text(nlohmann::json{{"error", "internal error"}}), "application/json");
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
    fmt::print(stderr, "thaw serve: cannot listen on {}:{}: {} (is another thaw serve running? try --port)\n",
               options.host, options.port, std::strerror(errno));
    return 1;
  }
  fmt::print("thaw serve: http://{}:{}/{}  (Ctrl-C stops)\n", options.host, options.port,
             options.token.empty() ? "" : "?token=<token>");
  std::fflush(stdout);
  std::atomic<bool> stopping = false;
  std::thread on_signal([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    stopping = true;
    // Runs and play steps stop at their next step, which frees the HTTP threads waiting on them.
    api.shutdown();
    server.stop();
  });
  server.listen_after_bind();
  if (!stopping) pthread_kill(on_signal.native_handle(), SIGTERM);
  on_signal.join();
  return 0;
}

}  // namespace thaw::server
