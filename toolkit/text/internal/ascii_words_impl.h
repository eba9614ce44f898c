#pragma once
// The template body of ascii_words (ascii_words.h), inlined into the tokenizer's loop.

namespace stylokit::text::detail {

enum class WordClass : uint8_t { kOther, kSpace, kLetter, kNumeric, kMidNumLet, kMidNum, kExtendNumLet };

struct WordClassTable {
  WordClass ascii[128];
  constexpr WordClassTable() : ascii{} {
    for (int c = 0; c < 128; ++c) ascii[c] = WordClass::kOther;
    for (int c = 'a'; c <= 'z'; ++c) ascii[c] = WordClass::kLetter;
    for (int c = 'A'; c <= 'Z'; ++c) ascii[c] = WordClass::kLetter;
    for (int c = '0'; c <= '9'; ++c) ascii[c] = WordClass::kNumeric;
    for (int c = '\t'; c <= '\r'; ++c) ascii[c] = WordClass::kSpace;
    ascii[int{' '}] = WordClass::kSpace;
    ascii[int{'@'}] = WordClass::kLetter;  // word.txt: $ALetter = [\p{Word_Break = ALetter} @]
    ascii[int{'.'}] = WordClass::kMidNumLet;
    ascii[int{'\''}] = WordClass::kMidNumLet;  // Single_Quote: the same rules as MidNumLet here
    ascii[int{','}] = WordClass::kMidNum;
    ascii[int{';'}] = WordClass::kMidNum;
    ascii[int{'_'}] = WordClass::kExtendNumLet;
  }
};
inline constexpr WordClassTable kWordClasses{};

// Class of the character at p[0] and its size (fast_char_size accepted it).
inline WordClass word_class(const uint8_t* p, size_t& size) {
  if (p[0] < 0x80) {
    size = 1;
    return kWordClasses.ascii[p[0]];
  }
  if (p[0] == 0xC3) {
    size = 2;
    return WordClass::kLetter;
  }
  size = 3;  // E2 80 xx: ‘ ’ are MidNumLet, the other quotes and dashes Other
  return p[2] == 0x98 || p[2] == 0x99 ? WordClass::kMidNumLet : WordClass::kOther;
}

inline bool joins_words(WordClass c) {
  return c == WordClass::kLetter || c == WordClass::kNumeric || c == WordClass::kExtendNumLet;
}

template <class Emit>
void ascii_words(const uint8_t* text, size_t n, Emit&& emit) {
  size_t i = 0;
  while (i < n) {
    size_t size = 0;
    const WordClass first = word_class(text + i, size);
    if (first == WordClass::kSpace) {
      ++i;
      continue;
    }
    const size_t begin = i;
    i += size;
    if (!joins_words(first)) {
      emit(begin, i, kStatusNone);
      continue;
    }
    // Letters, digits and '_' join each other (WB5, 8, 9, 10, 13a, 13b); a middle character
    // joins when the same kind of character follows it (letters: WB6/7, digits: WB11/12).
    WordClass prev = WordClass::kOther;  // the class before `last` within the segment
    WordClass last = first;
    while (i < n) {
      const WordClass c = word_class(text + i, size);
      if (joins_words(c)) {
        prev = last;
        last = c;
        i += size;
        continue;
      }
      if ((c != WordClass::kMidNumLet && c != WordClass::kMidNum) || i + size >= n) break;
      if (last != WordClass::kLetter && last != WordClass::kNumeric) break;
      size_t next_size = 0;
      const WordClass next = word_class(text + i + size, next_size);
      const bool letters = last == WordClass::kLetter && next == WordClass::kLetter && c == WordClass::kMidNumLet;
      const bool digits = last == WordClass::kNumeric && next == WordClass::kNumeric;
      if (!letters && !digits) break;
      prev = c;
      last = next;
      i += size + next_size;
    }
    int32_t status;
    if (last == WordClass::kLetter) {
      status = kStatusLetter;
    } else if (last == WordClass::kNumeric) {
      status = kStatusNumber;
    } else if (i - begin == 1) {
      status = kStatusNone;  // a lone '_'
    } else {
      status = prev == WordClass::kNumeric ? kStatusNumber : kStatusLetter;
    }
    emit(begin, i, status);
  }
}

}  // namespace stylokit::text::detail
