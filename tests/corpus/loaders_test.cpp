#include "toolkit/corpus/loaders.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "tests/test_util.h"
#include "toolkit/common/hash.h"

using namespace stylokit;
using stylokit::testing::TempDir;
using stylokit::testing::write_file;

namespace {

// The message of the error `fn` throws, or "no error".
template <typename Fn>
std::string error_of(Fn fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

// The founding corpus loads as five documents in date order with unchanged bytes.
TEST(LoadCorpus, LettersFolder) {
  Corpus c = load_corpus(stylokit::testing::letters_dir(), {});
  ASSERT_EQ(c.size(), 5u);
  EXPECT_EQ(c.documents[0].id, "2020-11_aliyev-to-biden_election-congratulation");
  EXPECT_EQ(c.documents[4].id, "2024-11_aliyev-to-trump_reelection-congratulation");
  for (const auto& d : c.documents) {
    EXPECT_EQ(d.raw, stylokit::testing::slurp(d.source));
    ASSERT_EQ(d.kept.size(), 1u);
    EXPECT_EQ(d.kept[0], (ByteRange{0, d.raw.size()}));
  }
}

// Folders are read recursively in byte order of their paths; ids keep sub-folders;
// hidden files and other extensions are ignored; odd names are fine.
TEST(LoadCorpus, FolderOrderIdsAndOddNames) {
  TempDir dir;
  write_file(dir / "b.txt", "second");
  write_file(dir / "a/z.txt", "first");
  write_file(dir / "c d é.txt", "third, with spaces and an accent");
  write_file(dir / ".hidden.txt", "ignored");
  write_file(dir / ".git/x.txt", "ignored");
  write_file(dir / "notes.md", "ignored");
  Corpus c = load_corpus(dir.path(), {});
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c.documents[0].id, "a/z");
  EXPECT_EQ(c.documents[1].id, "b");
  EXPECT_EQ(c.documents[2].id, "c d é");
}

// Missing paths, empty folders and unknown formats are one-line errors naming the path.
TEST(LoadCorpus, MissingAndEmpty) {
  TempDir dir;
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir / "nope", {}); }), "nope: no such file or folder"));
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir.path(), {}); }), "no .txt files found"));
  write_file(dir / "x.docx", "PK");
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir / "x.docx", {}); }), "cannot tell the corpus format"));
}

// Under the fail policy a bad document stops the load with its file and problem.
TEST(LoadCorpus, FailPolicyNamesFileAndProblem) {
  TempDir dir;
  write_file(dir / "good.txt", "Fine text.");
  write_file(dir / "bad.txt", "caf\xC3 au lait");
  std::string e = error_of([&] { load_corpus(dir.path(), {}); });
  EXPECT_TRUE(contains(e, "bad.txt: invalid UTF-8 at byte 3")) << e;
  EXPECT_EQ(e.find('\n'), std::string::npos);

  TempDir d2;
  write_file(d2 / "good.txt", "Fine text.");
  write_file(d2 / "empty.txt", "");
  EXPECT_TRUE(contains(error_of([&] { load_corpus(d2.path(), {}); }), "empty.txt: empty file"));

  TempDir d3;
  write_file(d3 / "good.txt", "Fine text.");
  write_file(d3 / "blank.txt", " \n\t\xC2\xA0\n");
  EXPECT_TRUE(contains(error_of([&] { load_corpus(d3.path(), {}); }), "blank.txt: empty document"));

  TempDir d4;
  write_file(d4 / "good.txt", "Fine text.");
  write_file(d4 / "image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  EXPECT_TRUE(contains(error_of([&] { load_corpus(d4.path(), {}); }), "image.txt: binary file (NUL byte at offset 8"));
}

// skip drops bad documents and records why; warn keeps invalid UTF-8 but drops empty/binary.
TEST(LoadCorpus, SkipAndWarnPolicies) {
  TempDir dir;
  write_file(dir / "1good.txt", "Fine text.");
  write_file(dir / "2bad.txt", "caf\xC3 au lait");
  write_file(dir / "3empty.txt", "");
  write_file(dir / "4bin.txt", std::string("a\0b", 3));
  LoadOptions skip;
  skip.policy = BadInputPolicy::kSkip;
  Corpus c = load_corpus(dir.path(), skip);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c.documents[0].id, "1good");
  ASSERT_EQ(c.issues.size(), 3u);
  EXPECT_EQ(c.issues[0].id, "2bad");
  EXPECT_EQ(c.issues[0].action, "skipped");

  LoadOptions warn;
  warn.policy = BadInputPolicy::kWarn;
  Corpus w = load_corpus(dir.path(), warn);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w.documents[1].id, "2bad");
  EXPECT_TRUE(contains(w.issues[0].action, "kept"));

  TempDir all_bad;
  write_file(all_bad / "e.txt", "");
  EXPECT_TRUE(contains(error_of([&] { load_corpus(all_bad.path(), skip); }), "no usable documents (1 skipped)"));
}

// Files are read by several threads, yet documents, issues and the first error come in path
// order, the same for any thread count.
TEST(LoadCorpus, SameResultForAnyThreadCount) {
  TempDir dir;
  for (int i = 0; i < 60; ++i) {
    const std::string name = fmt::format("d{:02}.txt", i);
    if (i % 17 == 5)
      write_file(dir / name, "bad \xFF byte");
    else if (i % 23 == 7)
      write_file(dir / name, "");
    else
      write_file(dir / name, fmt::format("Document {} text.", i));
  }
  std::string first_error;
  std::vector<std::string> ids, issues;
  for (int threads : {1, 2, 8}) {
    LoadOptions fail;
    fail.threads = threads;
    const std::string e = error_of([&] { load_corpus(dir.path(), fail); });
    EXPECT_TRUE(contains(e, "d05.txt: invalid UTF-8 at byte 4")) << e;
    LoadOptions skip;
    skip.policy = BadInputPolicy::kSkip;
    skip.threads = threads;
    const Corpus c = load_corpus(dir.path(), skip);
    std::vector<std::string> got_ids, got_issues;
    for (const auto& d : c.documents) got_ids.push_back(d.id + ":" + d.raw);
    for (const auto& is : c.issues) got_issues.push_back(is.id + ":" + is.problem);
    if (threads == 1) {
      ids = got_ids, issues = got_issues;
      EXPECT_EQ(ids.size(), 53u);  // 4 invalid (d05, d22, d39, d56) and 3 empty (d07, d30, d53)
      ASSERT_EQ(issues.size(), 7u);
      EXPECT_EQ(issues[0], "d05:invalid UTF-8 at byte 4");
      EXPECT_EQ(issues[1], "d07:empty file");
    } else {
      EXPECT_EQ(got_ids, ids) << threads;
      EXPECT_EQ(got_issues, issues) << threads;
    }
  }
}

// A leading BOM is kept in raw (offsets stay true to the file) but not in kept text.
TEST(LoadCorpus, BomIsOutsideKeptText) {
  TempDir dir;
  write_file(dir / "bom.txt", "\xEF\xBB\xBFHello");
  Corpus c = load_corpus(dir.path(), {});
  EXPECT_EQ(c.documents[0].raw.size(), 8u);
  EXPECT_EQ(c.documents[0].text(), "Hello");
}

// JSONL: id and text fields, other fields as metadata; malformed lines name file:line.
TEST(LoadCorpus, Jsonl) {
  TempDir dir;
  write_file(dir / "c.jsonl",
             "{\"id\":\"a\",\"text\":\"Alpha text\",\"author\":\"X\",\"year\":1999}\n\n"
             "{\"id\":7,\"text\":\"Beta\"}\n");
  Corpus c = load_corpus(dir / "c.jsonl", {});
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c.documents[0].metadata.at("author"), "X");
  EXPECT_EQ(c.documents[0].metadata.at("year"), "1999");
  EXPECT_EQ(c.documents[1].id, "7");
  EXPECT_EQ(c.documents[1].source, (dir / "c.jsonl").string() + ":3");

  write_file(dir / "bad.jsonl", "{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":\n");
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir / "bad.jsonl", {}); }), "bad.jsonl:2: malformed JSON"));
  write_file(dir / "notext.jsonl", "{\"id\":\"a\"}\n");
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir / "notext.jsonl", {}); }), "notext.jsonl:1: missing \"text\""));
  write_file(dir / "dup.jsonl", "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n");
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir / "dup.jsonl", {}); }), "duplicate document id 'a'"));
  write_file(dir / "arr.jsonl", "[1,2]\n");
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir / "arr.jsonl", {}); }), "expected a JSON object"));
  write_file(dir / "badutf.jsonl", "{\"id\":\"a\",\"text\":\"x\xFF\"}\n");
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir / "badutf.jsonl", {}); }), "invalid UTF-8 at byte 19"));
}

// CSV: id,text plus metadata columns; missing columns and ragged rows are errors.
TEST(LoadCorpus, Csv) {
  TempDir dir;
  write_file(dir / "c.csv", "id,text,label\na,\"Hello, world\",x\nb,\"Two\nlines\",y\n");
  Corpus c = load_corpus(dir / "c.csv", {});
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c.documents[1].raw, "Two\nlines");
  EXPECT_EQ(c.documents[1].metadata.at("label"), "y");
  EXPECT_EQ(c.metadata_columns, std::vector<std::string>{"label"});
  write_file(dir / "nocol.csv", "name,text\na,b\n");
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir / "nocol.csv", {}); }), "no 'id' column"));
  write_file(dir / "ragged.csv", "id,text\na,b,c\n");
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir / "ragged.csv", {}); }), "ragged.csv:2: 3 fields"));
  write_file(dir / "empty.csv", "id,text\na,\n");
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir / "empty.csv", {}); }), "empty.csv:2: empty file"));
}

// CSV columns and JSONL keys named by id_field / text_field; the other columns stay
// metadata; a missing one is named with the file and the header's columns.
TEST(LoadCorpus, ChosenIdAndTextColumns) {
  TempDir dir;
  write_file(dir / "c.csv", "name,body,id\na,First text.,7\nb,Second text.,8\n");
  LoadOptions opt;
  opt.id_field = "name";
  opt.text_field = "body";
  Corpus c = load_corpus(dir / "c.csv", opt);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c.documents[0].id, "a");
  EXPECT_EQ(c.documents[1].raw, "Second text.");
  EXPECT_EQ(c.metadata_columns, std::vector<std::string>{"id"});
  opt.text_field = "content";
  const std::string e = error_of([&] { load_corpus(dir / "c.csv", opt); });
  EXPECT_TRUE(contains(e, "c.csv: no 'content' column for the document texts (the header has: name, body, id)")) << e;
  opt.text_field = "name";
  EXPECT_THROW(load_corpus(dir / "c.csv", opt), ConfigError);
  write_file(dir / "c.jsonl", "{\"name\": \"a\", \"body\": \"One.\", \"year\": 2020}\n");
  opt.text_field = "body";
  c = load_corpus(dir / "c.jsonl", opt);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c.documents[0].id, "a");
  EXPECT_EQ(c.documents[0].metadata.at("year"), "2020");
}

// Metadata joins on id; unknown and duplicate ids are errors naming file and line.
TEST(JoinMetadata, KnownUnknownDuplicate) {
  TempDir dir;
  write_file(dir / "docs/a.txt", "A");
  write_file(dir / "docs/b.txt", "B");
  write_file(dir / "meta.csv", "id,author\na,Ann\n");
  LoadOptions opt;
  opt.metadata = dir / "meta.csv";
  Corpus c = load_corpus(dir / "docs", opt);
  EXPECT_EQ(c.documents[0].metadata.at("author"), "Ann");
  EXPECT_TRUE(c.documents[1].metadata.empty());
  write_file(dir / "unknown.csv", "id,author\na,Ann\nzz,Zed\n");
  opt.metadata = dir / "unknown.csv";
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir / "docs", opt); }), "unknown.csv:3: unknown document id 'zz'"));
  write_file(dir / "dup.csv", "id,author\na,Ann\na,Again\n");
  opt.metadata = dir / "dup.csv";
  EXPECT_TRUE(contains(error_of([&] { load_corpus(dir / "docs", opt); }), "dup.csv:3: duplicate id 'a'"));
}

// The letters' metadata joins cleanly and supplies titles.
TEST(JoinMetadata, LettersMetadata) {
  LoadOptions opt;
  opt.metadata = stylokit::testing::letters_dir() + "/metadata.csv";
  Corpus c = load_corpus(stylokit::testing::letters_dir(), opt);
  for (const auto& d : c.documents) {
    EXPECT_FALSE(d.metadata.at("date").empty()) << d.id;
    EXPECT_FALSE(d.metadata.at("sender").empty()) << d.id;
  }
  EXPECT_EQ(c.documents[4].metadata.at("date"), "2024-11-06");
  EXPECT_EQ(c.documents[4].title(),
            "President Ilham Aliyev congratulates Donald Trump on his reelection as President of the United States");
}
