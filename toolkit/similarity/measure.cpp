#include "toolkit/similarity/measure.h"

#include <array>
#include <utility>

#include "toolkit/common/error.h"

namespace stylokit::similarity {

namespace {

struct Entry {
  Measure measure;
  const char* name;
};

constexpr std::array<Entry, 13> kNames = {{
    {Measure::kCosine, "cosine"},
    {Measure::kJaccard, "jaccard"},
    {Measure::kEuclidean, "euclidean"},
    {Measure::kManhattan, "manhattan"},
    {Measure::kCanberra, "canberra"},
    {Measure::kBurrowsDelta, "burrows-delta"},
    {Measure::kArgamonLinear, "argamon-linear"},
    {Measure::kArgamonQuadratic, "argamon-quadratic"},
    {Measure::kEderDelta, "eder-delta"},
    {Measure::kEderSimple, "eder-simple"},
    {Measure::kCosineDelta, "cosine-delta"},
    {Measure::kMinMax, "minmax"},
    {Measure::kEntropy, "entropy"},
}};

}  // namespace

Measure parse_measure(std::string_view name) {
  std::string names;
  for (const auto& e : kNames) {
    if (name == e.name) return e.measure;
    names += names.empty() ? "" : "|";
    names += e.name;
  }
  throw ConfigError(fmt::format("--measure: unknown measure '{}' (expected {})", name, names));
}

Variant parse_variant(std::string_view name) {
  if (name == "stylo") return Variant::kStylo;
  if (name == "published") return Variant::kPublished;
  throw ConfigError(fmt::format("--variant: expected stylo or published, got '{}'", name));
}

const char* to_string(Measure m) {
  for (const auto& e : kNames)
    if (e.measure == m) return e.name;
  STYLOKIT_ASSERT(false);
  return "";
}

const char* to_string(Variant v) { return v == Variant::kStylo ? "stylo" : "published"; }

const std::vector<Measure>& all_measures() {
  static const std::vector<Measure> all = [] {
    std::vector<Measure> v;
    for (const auto& e : kNames) v.push_back(e.measure);
    return v;
  }();
  return all;
}

bool larger_is_closer(Measure m) { return m == Measure::kCosine || m == Measure::kJaccard; }

bool uses_zscores(Measure m, Variant v) {
  switch (m) {
    case Measure::kBurrowsDelta:
    case Measure::kArgamonQuadratic:
    case Measure::kEderDelta:
    case Measure::kCosineDelta:
      return true;
    case Measure::kArgamonLinear:
      return v == Variant::kStylo;
    default:
      return false;
  }
}

std::string formula(Measure m, Variant v) {
  const bool stylo = v == Variant::kStylo;
  const char* unit = stylo ? "relative frequencies in percent" : "relative frequencies (proportions)";
  switch (m) {
    case Measure::kCosine:
      return "similarity x.y / (|x| |y|); 0 when either row is all zero";
    case Measure::kJaccard:
      return "similarity |X and Y| / |X or Y| on the sets of non-zero features; 0 for two empty sets";
    case Measure::kEuclidean:
      return fmt::format("distance sqrt(sum (x-y)^2) on {}", unit);
    case Measure::kManhattan:
      return fmt::format("distance sum |x-y| on {}", unit);
    case Measure::kCanberra:
      return stylo ? "distance sum |x-y|/(|x|+|y|) over features not zero in both, scaled by d/(d - dropped) "
                     "(R dist)"
                   : "distance sum |x-y|/(|x|+|y|), 0/0 terms count 0 (SciPy)";
    case Measure::kBurrowsDelta:
      return "distance sum |z_x - z_y| / d (z-scores with the sample sd)";
    case Measure::kArgamonLinear:
      return stylo ? "distance sqrt(sum (z_x - z_y)^2) / d (stylo dist.argamon)"
                   : "distance sum |x-y| / b, b = mean absolute deviation from the median (Argamon 2008)";
    case Measure::kArgamonQuadratic:
      return stylo ? "distance sqrt(sum (z_x - z_y)^2) / d (stylo dist.argamon)"
                   : "distance sum (z_x - z_y)^2 (Argamon 2008)";
    case Measure::kEderDelta:
      return stylo ? "distance sum_k |z_x - z_y| (d-k+2)/d, k = rank (stylo dist.eder)"
                   : "distance (1/d) sum_k |z_x - z_y| (d-k+1)/d, k = rank (Eder 2015)";
    case Measure::kEderSimple:
      return fmt::format("distance sum |sqrt x - sqrt y| on {}", unit);
    case Measure::kCosineDelta:
      return "distance 1 - cos(z_x, z_y), zero-variance features dropped (Smith & Aldridge 2011)";
    case Measure::kMinMax:
      return "distance 1 - sum min(x,y) / sum max(x,y) (Ruzicka); 1 for two zero rows";
    case Measure::kEntropy:
      return "distance sum |B_x - B_y|, A = (x+1)/colsum(x+1), B = log(x+2)/-colsum(A log A), percent "
             "(stylo dist.entropy)";
  }
  STYLOKIT_ASSERT(false);
  return "";
}

}  // namespace stylokit::similarity
