#include "toolkit/common/random.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tests/test_util.h"

using namespace stylokit;

namespace {

// Answers of tests/common/reference_random.py (an independent Python implementation) to
// `requests`, one line of words per request.
std::vector<std::vector<std::string>> python_reference(const std::string& requests) {
  stylokit::testing::TempDir dir;
  stylokit::testing::write_file(dir / "requests.txt", requests);
  const auto r = stylokit::testing::run_shell(
      fmt::format("{} {} < {}", STYLOKIT_PYTHON,
                  stylokit::testing::shell_quote(std::string(STYLOKIT_TESTS_DIR) + "/common/reference_random.py"),
                  stylokit::testing::shell_quote((dir / "requests.txt").string())));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::vector<std::string>> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    out.emplace_back();
    for (std::string w; words >> w;) out.back().push_back(w);
  }
  return out;
}

std::vector<std::string> words(const std::vector<std::uint64_t>& values) {
  std::vector<std::string> out;
  for (auto v : values) out.push_back(std::to_string(v));
  return out;
}

}  // namespace

// The first outputs of the stream for seed 0 are the ones of Vigna's splitmix64.c reference.
TEST(SplitMix64, PublishedSeedZero) {
  SplitMix64 rng(0);
  EXPECT_EQ(rng.next(), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(rng.next(), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(rng.next(), 0x06c45d188009454fULL);
}

// Pinned values: a change to the stream, the finaliser or the n-gram hash changes outputs.
TEST(SplitMix64, GoldenValues) {
  SplitMix64 a(42);
  EXPECT_EQ(a.next(), 0xbdd732262feb6e95ULL);
  EXPECT_EQ(a.next(), 0x28efe333b266f103ULL);
  SplitMix64 b(~std::uint64_t{0});  // the state wraps around
  EXPECT_EQ(b.next(), 0xe4d971771b652c20ULL);
  EXPECT_EQ(splitmix64_mix(0), 0u);
  EXPECT_EQ(splitmix64_mix(1), 0x5692161d100b05e5ULL);
  EXPECT_EQ(hash_ids({}), kSplitMix64Gamma);
  const std::int32_t ids[] = {1, 2, 3};
  EXPECT_EQ(hash_ids(ids), 0xeadba27e20362828ULL);
}

// FNV-1a 64 published test vectors ("", "a", "foobar").
TEST(Fnv1a64, PublishedVectors) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
  static_assert(fnv1a64("a") == 0xaf63dc4c8601ec8cULL, "usable at compile time");
}

// Every function agrees with the independent Python implementation on many inputs,
// including a bound (2^63 + 1) where about half the draws are rejected.
TEST(SplitMix64, AgreesWithPythonReference) {
  const std::vector<std::uint64_t> seeds = {0, 1, 2, 42, 12345, 0x9e3779b97f4a7c15ULL, ~std::uint64_t{0}};
  const std::vector<std::uint64_t> bounds = {1, 2, 3, 7, 10, 1000, (std::uint64_t{1} << 63) + 1, ~std::uint64_t{0}};
  const std::string bytes = "caf\xc3\xa9 \xe2\x80\x94 x";
  const std::vector<std::vector<std::int32_t>> id_lists = {{0}, {1, 2, 3}, {-1, 5}, {2147483647, -2147483647 - 1, 7}};

  std::string requests;
  std::vector<std::vector<std::string>> want;
  for (auto seed : seeds) {
    requests += fmt::format("stream {} 20\n", seed);
    SplitMix64 rng(seed);
    std::vector<std::uint64_t> v;
    for (int i = 0; i < 20; ++i) v.push_back(rng.next());
    want.push_back(words(v));

    requests += fmt::format("mix {}\n", seed);
    want.push_back(words({splitmix64_mix(seed)}));

    requests += fmt::format("uniform {} 5\n", seed);
    SplitMix64 u(seed);
    std::vector<std::string> doubles;
    for (int i = 0; i < 5; ++i) doubles.push_back(fmt::format("{}", u.uniform()));  // shortest round-trip, as repr()
    want.push_back(doubles);

    for (auto n : bounds) {
      requests += fmt::format("below {} {} 10\n", seed, n);
      SplitMix64 r1(seed);
      std::vector<std::uint64_t> b;
      for (int i = 0; i < 10; ++i) b.push_back(uniform_below(r1, n));
      want.push_back(words(b));

      requests += fmt::format("mod {} {} 10\n", seed, n);
      SplitMix64 r2(seed);
      std::vector<std::uint64_t> m;
      for (int i = 0; i < 10; ++i) m.push_back(r2.next_mod(n));
      want.push_back(words(m));
    }
  }
  for (std::size_t len = 0; len <= bytes.size(); ++len) {
    std::string hex;
    for (std::size_t i = 0; i < len; ++i) hex += fmt::format("{:02x}", static_cast<unsigned char>(bytes[i]));
    requests += "fnv " + hex + "\n";
    want.push_back(words({fnv1a64(std::string_view(bytes).substr(0, len))}));
  }
  for (const auto& ids : id_lists) {
    requests += "ids";
    for (auto v : ids) requests += fmt::format(" {}", v);
    requests += "\n";
    want.push_back(words({hash_ids(ids)}));
  }

  const auto got = python_reference(requests);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i]) << "request " << i;
}

// The rejection rule really rejects: with n = 2^63 + 1 the draws differ from plain modulo.
TEST(SplitMix64, RejectionDiffersFromModulo) {
  const std::uint64_t n = (std::uint64_t{1} << 63) + 1;
  SplitMix64 a(7), b(7);
  int differ = 0;
  for (int i = 0; i < 64; ++i) differ += uniform_below(a, n) != b.next_mod(n);
  EXPECT_GT(differ, 0);
}

// uniform_below works with any full-range 64-bit generator: std::mt19937_64 (the bootstrap's).
TEST(SplitMix64, UniformBelowOnMersenneTwister) {
  std::mt19937_64 rng(7), raw(7);
  for (std::uint64_t n : {1ULL, 5ULL, 1000ULL}) {
    const std::uint64_t x = uniform_below(rng, n);
    EXPECT_LT(x, n);
    EXPECT_EQ(x, raw() % n);  // n this small is (almost surely) never rejected
  }
}
