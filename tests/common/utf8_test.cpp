#include "toolkit/common/utf8.h"

#include <gtest/gtest.h>

using namespace stylokit;

// Well-formed UTF-8 of every length passes; the first ill-formed byte is located.
TEST(Utf8, FindsFirstInvalidByte) {
  EXPECT_EQ(find_invalid_utf8(""), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("plain ascii text, long enough to use the 8-byte path"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("caf\xC3\xA9 \xE2\x80\x9C\xF0\x9F\x98\x80"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("abcdefghij\xFFxyz"), 10u);
  EXPECT_EQ(find_invalid_utf8("ab\xC0\xAF"), 2u);             // overlong '/'
  EXPECT_EQ(find_invalid_utf8("ab\xED\xA0\x80"), 2u);         // UTF-16 surrogate
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);       // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("abc\xE2\x80"), 3u);            // truncated at the end
  EXPECT_EQ(find_invalid_utf8("12345678\x80"), 8u);           // lone continuation after a fast block
}

// NUL marks binary; blank means only Unicode white space (incl. NBSP and a BOM).
TEST(Utf8, BinaryBlankAndBom) {
  using namespace std::string_literals;
  EXPECT_EQ(find_nul_byte("ab\0c"s), 2u);
  EXPECT_EQ(find_nul_byte("abc"), std::nullopt);
  EXPECT_TRUE(is_blank_utf8(""));
  EXPECT_TRUE(is_blank_utf8(" \t\r\n\xC2\xA0\xE2\x80\x83"));
  EXPECT_TRUE(is_blank_utf8("\xEF\xBB\xBF\n"));
  EXPECT_FALSE(is_blank_utf8("  x "));
  EXPECT_EQ(utf8_bom_length("\xEF\xBB\xBFx"), 3u);
  EXPECT_EQ(utf8_bom_length("x"), 0u);
}
