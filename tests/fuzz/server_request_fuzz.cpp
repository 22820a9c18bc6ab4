// Fuzz target: the server's handling of one request, without the socket: the guard's checks and
// the API call a route would make. Input: a method byte, then "path\0body\0origin\0content-type".
// Every answer must be a status with a JSON body; nothing may throw.
#include "server/api.hpp"
#include "server/guard.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

thaw::server::Api& api() {
  static thaw::server::Api instance([] {
    thaw::server::ApiOptions o;
    o.scenario_dir = THAW_SOURCE_DIR "/scenarios";
    o.max_concurrent_runs = 1;
    o.max_replicates = 2;
    o.min_scale = 1e6;  // the coarsest runs: a valid request found by the fuzzer costs little
    o.defaults = {"run.scale=1000000"};
    return o;
  }());
  return instance;
}

void expect_json(const thaw::server::Reply& r) {
  if (r.content_type == "application/json" && !nlohmann::json::accept(r.body)) std::abort();
  if (r.status < 200 || r.status > 599) std::abort();
}

// An accepted run goes on in the server's worker. Waiting for it keeps each input self-contained
// (libFuzzer replays one input as it found it) and keeps any run from outliving the input: a run
// still going when the fuzzer exits would read the model's static objects as exit destroys them.
void wait_for_run(const thaw::server::Reply& accepted) {
  if (accepted.status != 202) return;
  const auto id = nlohmann::json::parse(accepted.body).at("id").get<std::string>();
  for (;;) {
    const auto status = nlohmann::json::parse(api().run_status(id).body).value("status", "");
    if (status != "queued" && status != "running") return;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::vector<std::string> parts(1);
  for (size_t i = 1; i < size; ++i) {
    if (data[i] == 0 && parts.size() < 4) parts.emplace_back();
    else parts.back() += char(data[i]);
  }
  parts.resize(4);
  const auto& [path, body, origin, type] = std::tie(parts[0], parts[1], parts[2], parts[3]);
  const thaw::server::Guard guard({.port = 8053, .token = ""});
  static const char* methods[] = {"GET", "POST", "DELETE"};
  const auto refusal = guard.check({.method = methods[data[0] % 3], .path = path, .host = "127.0.0.1:8053",
                                    .origin = origin, .content_type = type, .authorization = "", .cookie = "",
                                    .token_parameter = ""});
  if (refusal) expect_json(*refusal);
  auto& a = api();
  switch (data[0] % 13) {
    case 0: expect_json(a.scenario(path)); break;
    case 1: {
      const auto accepted = a.start_run(body);
      expect_json(accepted);
      wait_for_run(accepted);
      break;
    }
    case 2: expect_json(a.run_status(path)); break;
    case 3: expect_json(a.cancel_run(path)); break;
    case 4: expect_json(a.start_play(body)); break;
    case 5: expect_json(a.choose(path, body)); break;
    case 6: expect_json(a.play_status(path)); break;
    case 7: expect_json(a.start_class(body)); break;
    case 8: expect_json(a.class_status(path, body)); break;
    case 9: expect_json(a.join_class(path, body)); break;
    case 10: expect_json(a.class_vote(path, body)); break;
    case 11: expect_json(a.close_class_round(path, body)); break;
    default: expect_json(a.run_report(path)); break;
  }
  return 0;
}
