// Stop-word lists (toolkit/text/stopwords.h): the one reader behind text::StopWords::load and
// features::load_stop_words — shipped names against paths, BOM, comments, blank lines, CRLF,
// trimming, normalisation, and the errors.

#include "toolkit/text/stopwords.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "tests/test_util.h"
#include "toolkit/common/error.h"

namespace stylokit::text {
namespace {

using Words = std::vector<std::string>;

// Points data_dir() at `dir` for the life of the object.
class DataDirOverride {
 public:
  explicit DataDirOverride(const std::filesystem::path& dir) {
    if (const char* old = std::getenv("STYLOKIT_DATA_DIR")) old_ = old;
    setenv("STYLOKIT_DATA_DIR", dir.c_str(), 1);
  }
  ~DataDirOverride() {
    if (old_.empty())
      unsetenv("STYLOKIT_DATA_DIR");
    else
      setenv("STYLOKIT_DATA_DIR", old_.c_str(), 1);
  }

 private:
  std::string old_;
};

// Makes `dir` the working directory for the life of the object.
class CwdOverride {
 public:
  explicit CwdOverride(const std::filesystem::path& dir) : old_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~CwdOverride() { std::filesystem::current_path(old_); }

 private:
  std::filesystem::path old_;
};

// A BOM is skipped, '#' comments and blank lines are dropped, words are trimmed (spaces, tabs,
// CR), duplicates and file order are kept.
TEST(StopWordList, FileRules) {
  stylokit::testing::TempDir dir;
  stylokit::testing::write_file(dir / "list.txt",
                                "\xEF\xBB\xBF"
                                "first\r\n# a comment line\r\n\r\n  second  # trailing comment\n\tthird\t\n"
                                "   \n#\nfirst\nlast");
  EXPECT_EQ(read_stop_word_list((dir / "list.txt").string()), (Words{"first", "second", "third", "first", "last"}));
  // A BOM alone, or an empty file: no words.
  stylokit::testing::write_file(dir / "bom.txt", "\xEF\xBB\xBF");
  EXPECT_TRUE(read_stop_word_list((dir / "bom.txt").string()).empty());
}

// With a tokenizer the words are normalised as tokens are (NFKC, case folding); without, as
// written.
TEST(StopWordList, Normalisation) {
  stylokit::testing::TempDir dir;
  stylokit::testing::write_file(dir / "list.txt",
                                "ABOUT\nStra\xC3\x9F"
                                "e\n\xEF\xBD\x86\xEF\xBD\x95\n");  // ＦＵ
  const std::string path = (dir / "list.txt").string();
  EXPECT_EQ(read_stop_word_list(path), (Words{"ABOUT",
                                              "Stra\xC3\x9F"
                                              "e",
                                              "\xEF\xBD\x86\xEF\xBD\x95"}));
  Tokenizer tk;
  EXPECT_EQ(read_stop_word_list(path, &tk), (Words{"about", "strasse", "fu"}));
  const StopWords set = StopWords::load(path, tk);
  EXPECT_EQ(set.size(), 3u);
  EXPECT_TRUE(set.contains("strasse"));
  EXPECT_FALSE(set.contains("ABOUT"));
  EXPECT_EQ(set.source(), path);
}

// A bare name is a shipped list in data_dir()/stopwords, even when a file of that name could
// be meant; anything with '/' or '.' is a path.
TEST(StopWordList, ShippedNameOrPath) {
  stylokit::testing::TempDir data;
  std::filesystem::create_directories(data / "stopwords");
  stylokit::testing::write_file(data / "stopwords" / "mine.txt", "shipped\n");
  stylokit::testing::TempDir dir;
  stylokit::testing::write_file(dir / "mine", "from the path\n");
  DataDirOverride override_data(data.path());
  EXPECT_EQ(stop_word_list_path("mine"), data / "stopwords" / "mine.txt");
  EXPECT_EQ(read_stop_word_list("mine"), (Words{"shipped"}));
  EXPECT_EQ(read_stop_word_list((dir / "mine").string()), (Words{"from the path"}));
  {
    // A file named like the list in the working directory does not change what the name means.
    CwdOverride cwd(dir.path());
    EXPECT_EQ(read_stop_word_list("mine"), (Words{"shipped"}));
    EXPECT_EQ(read_stop_word_list("./mine"), (Words{"from the path"}));
  }
  EXPECT_EQ(stop_word_list_path("lists/mine"), std::filesystem::path("lists/mine"));
  EXPECT_EQ(stop_word_list_path("mine.txt"), std::filesystem::path("mine.txt"));
  EXPECT_EQ(StopWords::load("mine", Tokenizer()).source(), (data / "stopwords" / "mine.txt").string());
  try {
    read_stop_word_list("klingon");
    ADD_FAILURE() << "no ConfigError for an unknown list name";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("./klingon"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_stop_word_list(""), ConfigError);
}

// The shipped English list.
TEST(StopWordList, ShippedEnglish) {
  const Words en = read_stop_word_list("english");
  EXPECT_EQ(en.size(), 318u);
  EXPECT_EQ(StopWords::load("english", Tokenizer()).size(), 318u);
}

// Unreadable and non-UTF-8 files.
TEST(StopWordList, Errors) {
  stylokit::testing::TempDir dir;
  EXPECT_THROW(read_stop_word_list((dir / "missing.txt").string()), IoError);
  stylokit::testing::write_file(dir / "bad.txt", "ok\n\xFF\xFE\n");
  EXPECT_THROW(read_stop_word_list((dir / "bad.txt").string()), DataError);
  EXPECT_THROW(StopWords::load((dir / "bad.txt").string(), Tokenizer()), DataError);
}

}  // namespace
}  // namespace stylokit::text
