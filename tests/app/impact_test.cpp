// thaw impact: each decision switched off on the scenario's own seeds.
#include "app/impact.hpp"
#include "app/scenario.hpp"

#include <gtest/gtest.h>

namespace thaw::app {
namespace {

std::vector<Outcome> released_by_1954() {
  Outcome o;
  o.id = "released-1954";
  o.kind = "indicator";
  o.indicator = "repression.released_total";
  o.date = Month::of(1954, 3);
  o.until = o.date;
  return {o};
}

TEST(Impact, WithCommonRandomNumbersADecisionThatCannotMatterChangesNothingAtAll) {
  ImpactOptions options;
  options.runs = 3;
  options.threads = 2;
  options.overrides = {"run.scale=100000", "run.end=\"1954-06\""};
  options.only = {"amnesty-1953", "rotation-1961"};  // the rotation comes after the run ends
  const auto report = decision_impact(find_scenario("thaw-1953.toml"), released_by_1954(), options);
  ASSERT_EQ(report.decisions.size(), 2u);
  EXPECT_EQ(report.decisions[0].id, "amnesty-1953") << "the most consequential comes first";
  const auto& amnesty = report.decisions[0].changes[0];
  EXPECT_LT(amnesty.change, 0) << "without the amnesty fewer are released";
  EXPECT_TRUE(amnesty.significant());
  const auto& rotation = report.decisions[1].changes[0];
  EXPECT_EQ(rotation.change, 0.0);
  EXPECT_EQ(rotation.low, 0.0);
  EXPECT_EQ(rotation.high, 0.0);
  EXPECT_EQ(report.decisions[1].weight, 0.0);
  EXPECT_NE(impact_csv(report).find("amnesty-1953,amnesty,1953-03,released-1954,"), std::string::npos);
  // The page: the amnesty's row with its change shaded as significant, the rotation's not.
  const std::string html = impact_html(report);
  const auto amnesty_row = html.find(">amnesty-1953</th>"), rotation_row = html.find(">rotation-1961</th>");
  ASSERT_NE(amnesty_row, std::string::npos);
  ASSERT_NE(rotation_row, std::string::npos);
  EXPECT_LT(amnesty_row, rotation_row);
  EXPECT_NE(html.substr(amnesty_row, rotation_row - amnesty_row).find("class=\"num sig\""), std::string::npos);
  EXPECT_EQ(html.substr(rotation_row).find("class=\"num sig\""), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
}

}  // namespace
}  // namespace thaw::app
