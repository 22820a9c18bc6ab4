// The checks before routing (src/server/guard.hpp): what a page elsewhere, a rebound name or a
// stranger on the network can and cannot get through.
#include "server/guard.hpp"

#include <gtest/gtest.h>

namespace thaw::server {
namespace {

int status(const Guard& g, const GuardedRequest& r) {
  const auto refusal = g.check(r);
  return refusal ? refusal->status : 200;
}

TEST(Guard, TheServersOwnPagesAndToolsOnThisMachineGetThrough) {
  const Guard g({.port = 8053});
  EXPECT_EQ(status(g, {.method = "GET", .path = "/api/scenarios", .host = "127.0.0.1:8053"}), 200);
  EXPECT_EQ(status(g, {.method = "GET", .path = "/", .host = "localhost:8053"}), 200);
  EXPECT_EQ(status(g, {.method = "GET", .path = "/", .host = "[::1]:8053"}), 200);
  EXPECT_EQ(status(g, {.method = "POST", .path = "/api/runs", .host = "localhost:8053", .origin = "http://localhost:8053",
                       .content_type = "application/json; charset=utf-8"}), 200);
  EXPECT_EQ(status(g, {.method = "DELETE", .path = "/api/runs/r1", .host = "127.0.0.1:8053"}), 200);
}

TEST(Guard, ARequestAddressedToAnotherNameIsRefused) {
  // DNS rebinding: evil.example resolves to 127.0.0.1, but the browser still says whom it asks.
  const Guard g({.port = 8053});
  EXPECT_EQ(status(g, {.method = "GET", .path = "/api/runs/r1", .host = "evil.example:8053"}), 403);
  EXPECT_EQ(status(g, {.method = "GET", .path = "/", .host = "127.0.0.1:9999"}), 403);
  EXPECT_EQ(status(g, {.method = "GET", .path = "/", .host = "localhost.evil.example"}), 403);
}

TEST(Guard, ARequestFromAnotherSitesPageIsRefused) {
  const Guard g({.port = 8053});
  EXPECT_EQ(status(g, {.method = "POST", .path = "/api/runs", .host = "127.0.0.1:8053", .origin = "http://evil.example",
                       .content_type = "application/json"}), 403);
  EXPECT_EQ(status(g, {.method = "GET", .path = "/api/scenarios", .host = "127.0.0.1:8053", .origin = "null"}), 403);
  EXPECT_EQ(status(g, {.method = "GET", .path = "/", .host = "127.0.0.1:8053", .origin = "http://localhost:8053"}), 403);
}

TEST(Guard, APostWhoseBodyIsNotDeclaredJsonIsRefused) {
  // text/plain and forms are what another page may send without the browser asking first.
  const Guard g({.port = 8053});
  for (const std::string type : {"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                                 "application/jsonx", "text/plain; application/json"})
    EXPECT_EQ(status(g, {.method = "POST", .path = "/api/runs", .host = "127.0.0.1:8053", .content_type = type}), 415) << type;
}

TEST(Guard, WithATokenAnyHostButOnlyTheTokensBearer) {
  const Guard g({.port = 8053, .token = "s3cret"});
  EXPECT_EQ(status(g, {.method = "GET", .path = "/api/scenarios", .host = "10.0.0.5:8053"}), 401);
  EXPECT_EQ(status(g, {.method = "GET", .path = "/api/scenarios", .host = "10.0.0.5:8053", .authorization = "Bearer s3cre"}), 401);
  EXPECT_EQ(status(g, {.method = "GET", .path = "/api/scenarios", .host = "10.0.0.5:8053", .authorization = "Bearer s3cret"}), 200);
  EXPECT_EQ(status(g, {.method = "GET", .path = "/", .host = "10.0.0.5:8053", .cookie = "a=b; thaw_token=s3cret"}), 200);
  EXPECT_EQ(status(g, {.method = "GET", .path = "/", .host = "10.0.0.5:8053", .token_parameter = "s3cret"}), 200);
  EXPECT_EQ(status(g, {.method = "GET", .path = "/", .host = "10.0.0.5:8053", .token_parameter = "guess"}), 401);
  // The token does not open the API to other sites' pages.
  EXPECT_EQ(status(g, {.method = "GET", .path = "/api/scenarios", .host = "10.0.0.5:8053", .origin = "http://evil.example",
                       .cookie = "thaw_token=s3cret"}), 403);
}

}  // namespace
}  // namespace thaw::server
