#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <optional>
#include <string>

#include "toolkit/common/io.h"

namespace fs = std::filesystem;

namespace {

// Sets or unsets STYLOKIT_DATA_DIR for one test and puts the old value back.
class DataDirEnv {
 public:
  explicit DataDirEnv(const char* value) {
    if (const char* old = std::getenv("STYLOKIT_DATA_DIR")) old_ = old;
    if (value) {
      setenv("STYLOKIT_DATA_DIR", value, 1);
    } else {
      unsetenv("STYLOKIT_DATA_DIR");
    }
  }
  ~DataDirEnv() {
    if (old_) {
      setenv("STYLOKIT_DATA_DIR", old_->c_str(), 1);
    } else {
      unsetenv("STYLOKIT_DATA_DIR");
    }
  }

 private:
  std::optional<std::string> old_;
};

}  // namespace

// STYLOKIT_DATA_DIR comes first, even when it names a folder that does not exist.
TEST(DataDir, EnvironmentWins) {
  DataDirEnv env("/nonexistent/stylokit-data");
  EXPECT_EQ(stylokit::data_dir(), fs::path("/nonexistent/stylokit-data"));
}

// A program inside the build tree (this test) reads the source tree's data/, which holds the
// shipped cleaning rules and stop words; an empty STYLOKIT_DATA_DIR counts as unset.
TEST(DataDir, BuildTreeUsesSourceData) {
  for (const char* value : {static_cast<const char*>(nullptr), ""}) {
    DataDirEnv env(value);
    const fs::path dir = stylokit::data_dir();
    EXPECT_EQ(fs::weakly_canonical(dir), fs::weakly_canonical(STYLOKIT_TEST_DATA));
    EXPECT_TRUE(fs::is_regular_file(dir / "cleaning" / "news.toml")) << dir;
    EXPECT_TRUE(fs::is_regular_file(dir / "stopwords" / "english.txt")) << dir;
  }
}
