#include "toolkit/common/tsv.h"

#include <gtest/gtest.h>

#include "toolkit/common/error.h"

using namespace stylokit;

// Escaping then unescaping gives the bytes back; the escaped form has no tab or newline.
TEST(Tsv, RoundTripAndNoSeparatorsLeft) {
  for (std::string s : {std::string(""), std::string("plain"), std::string("a\tb\nc\rd\\e é"), std::string("\\t")}) {
    std::string e = tsv_escape(s);
    EXPECT_EQ(e.find_first_of("\t\n\r"), std::string::npos);
    EXPECT_EQ(tsv_unescape(e, "t"), s);
  }
}

// A dangling or unknown escape is a DataError naming where it was.
TEST(Tsv, BadEscapes) {
  EXPECT_THROW(tsv_unescape("abc\\", "f.tsv:3"), DataError);
  EXPECT_THROW(tsv_unescape("a\\qb", "f.tsv:3"), DataError);
}
