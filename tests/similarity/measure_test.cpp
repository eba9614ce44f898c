// Measure names, directions and formulas: the contract users' scripts rely on.

#include "toolkit/similarity/measure.h"

#include <gtest/gtest.h>

#include "toolkit/common/error.h"

namespace stylokit::similarity {
namespace {

// Every name round-trips; unknown names are a ConfigError listing the choices.
TEST(Measure, NamesRoundTrip) {
  ASSERT_EQ(all_measures().size(), 13u);
  for (Measure m : all_measures()) EXPECT_EQ(parse_measure(to_string(m)), m);
  EXPECT_EQ(parse_variant("stylo"), Variant::kStylo);
  EXPECT_EQ(parse_variant("published"), Variant::kPublished);
  try {
    parse_measure("delta");
    FAIL() << "no throw";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("burrows-delta"), std::string::npos);
  }
  EXPECT_THROW(parse_variant("R"), ConfigError);
}

// Only cosine and Jaccard are similarities; the rest are distances.
TEST(Measure, DirectionPredicate) {
  for (Measure m : all_measures()) {
    const bool sim = m == Measure::kCosine || m == Measure::kJaccard;
    EXPECT_EQ(larger_is_closer(m), sim) << to_string(m);
  }
}

// Each measure has a formula for each variant, naming its direction; the variants differ
// where the field disagrees.
TEST(Measure, FormulasPerVariant) {
  for (Measure m : all_measures())
    for (Variant v : {Variant::kStylo, Variant::kPublished}) {
      const std::string f = formula(m, v);
      EXPECT_EQ(f.rfind(larger_is_closer(m) ? "similarity" : "distance", 0), 0u) << f;
    }
  EXPECT_NE(formula(Measure::kEderDelta, Variant::kStylo), formula(Measure::kEderDelta, Variant::kPublished));
  EXPECT_NE(formula(Measure::kArgamonLinear, Variant::kStylo), formula(Measure::kArgamonLinear, Variant::kPublished));
  EXPECT_TRUE(uses_zscores(Measure::kBurrowsDelta, Variant::kStylo));
  EXPECT_FALSE(uses_zscores(Measure::kArgamonLinear, Variant::kPublished));
  EXPECT_FALSE(uses_zscores(Measure::kEderSimple, Variant::kStylo));
}

}  // namespace
}  // namespace stylokit::similarity
