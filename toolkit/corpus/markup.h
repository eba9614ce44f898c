#pragma once
// Markup removal as stylo's delete.markup() does it (R/delete.markup.R), by narrowing
// Document::kept: `raw` is never edited, so byte spans still point into the original file.
//
//   xml, xml.drama, xml.notitles
//       every line up to and including the first line holding `</teiHeader>` (or
//       `</teiheader>`) is dropped; then, in this order, `<speaker>.*?</speaker>`
//       (xml.drama, xml.notitles), `<note.*?</note>`, `<head.*?</head>` (xml.notitles) and
//       every remaining `<.*?>` are removed
//   html
//       every line up to and including the first line holding `<body` is dropped; then
//       `<a href.*?/a>` and every remaining `<.*?>` are removed
//
// stylo first pastes the lines together with " ", so a non-greedy match may span lines; the
// patterns are case-sensitive, as stylo's (`<head` also matches `<header>`, `<note` also
// `<notes>`). Entities (`&amp;`, `&#233;`) are not decoded, as stylo does not decode them.
//
// stylo replaces a tag by nothing, so `wo<hi>rd</hi>` reads "word" and `one</p><p>two`, on
// one line, "onetwo". Here every removed stretch is a soft gap between kept ranges (see
// Gaps in corpus.h): the text stage tokenizes a chain of ranges joined by soft gaps as one
// text, so it reads the same words, and no sentence ends at an inline tag; excerpts show the
// text on both sides with nothing between. White space between tags is kept where it
// separates words.

#include <string>

#include "toolkit/corpus/corpus.h"

namespace stylokit {

enum class Markup { kPlain, kXml, kXmlDrama, kXmlNoTitles, kHtml };

// "plain" | "xml" | "xml.drama" | "xml.notitles" | "html"; ConfigError naming `markup`.
Markup parse_markup(const std::string& name);
const char* markup_name(Markup markup);

struct MarkupResult {
  size_t removed_bytes = 0;  // bytes of raw taken out of the kept ranges
  std::string problem;       // markup that does not parse (an unclosed tag): what stylo
                             // would do was done; empty when none
};

// Removes `markup` from the document's kept ranges (in place). kPlain does nothing. Ranges
// left holding only white space are dropped. O(bytes) per pattern. Never throws on any
// input; thread-safe for distinct documents.
MarkupResult strip_markup(Document& doc, Markup markup);

}  // namespace stylokit
