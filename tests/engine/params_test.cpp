// Parameters described once: listing them, and reading the items of a list back as text.
#include "engine/hash.hpp"
#include "engine/params.hpp"
#include "engine/rng.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace thaw {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

struct Item {
  std::string id;
  Month date;
  double size = 0.5;
  bool enabled = true;
  void describe(ParamVisitor& v) {
    v.value("id", id, {.doc = "name"});
    v.value("date", date, {.doc = "when"});
    v.value("size", size, {.doc = "how much"});
    v.value("enabled", enabled, {.doc = "taken"});
  }
};

struct Model {
  double rate = 0.25;
  std::vector<Item> items = {{"a", Month::of(1956, 2), 0.75, false}, {"b", Month::of(1957, 6)}};
  std::vector<Item> elsewhere = {{"c", Month::of(1960, 1)}};
  std::vector<std::string> names = {"x", "y"};
  void describe(ParamVisitor& v) {
    v.value("rate", rate, {.doc = "r"});
    v.value("names", names, {.doc = "texts"});
    v.section("inner", "", [&](ParamVisitor& s) { s.list("item", "dated inputs", items); });
    v.list("item", "other items", elsewhere);
  }
};

TEST(ListItems, GivesEachItemsFieldsAsTextInOrder) {
  Model m;
  const auto items = list_items([&](ParamVisitor& v) { m.describe(v); }, "inner.item");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_THAT(items[0].fields, ElementsAre(Pair("id", "a"), Pair("date", "1956-02"), Pair("size", "0.75"),
                                           Pair("enabled", "false")));
  EXPECT_EQ(items[1].get("id"), "b");
  EXPECT_EQ(items[1].get("enabled"), "true");
  EXPECT_EQ(items[1].get("no such field"), "");
  // The path names one list: the top-level list of the same name is another.
  const auto top = list_items([&](ParamVisitor& v) { m.describe(v); }, "item");
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].get("id"), "c");
  EXPECT_TRUE(list_items([&](ParamVisitor& v) { m.describe(v); }, "inner").empty());
}

TEST(ListParams, ListsListsOfTextsWithTheirValues) {
  Model m;
  const auto params = list_params([&](ParamVisitor& v) { m.describe(v); });
  ASSERT_GE(params.size(), 2u);
  EXPECT_EQ(params[1].path, "names");
  EXPECT_EQ(params[1].type, "texts");
  EXPECT_EQ(params[1].default_value, "[\"x\", \"y\"]");
}

TEST(Fnv1a, MatchesThePublishedTestVectorsAndChains) {
  // Fowler, Noll & Vo's test vectors for "a" and "foobar".
  static_assert(fnv1a_32("a") == 0xe40c292cu);
  EXPECT_EQ(fnv1a_32("foobar"), 0xbf9cf968u);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a_64("foobar"), 0x85944171f73967e8ULL);
  EXPECT_EQ(fnv1a_64("bar", fnv1a_64("foo")), fnv1a_64("foobar"));
  // Random streams are named through the same function.
  EXPECT_EQ(rng::stream_id("society.contacts"), fnv1a_32("society.contacts"));
}

}  // namespace
}  // namespace thaw
