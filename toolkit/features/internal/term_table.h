#pragma once
// Internal to the features stage: an insert-only hash table of byte strings that also counts
// occurrences per document — the counting structure of the vectorizer.
//
// Layout, chosen for cache misses (the cost of counting a large vocabulary): open addressing
// with linear probing over 32-byte slots that hold a 32-bit fingerprint of the hash, the term's
// id, size, its count in the current document and its first 16 bytes inline (zero-padded). A
// term of at most 16 bytes — most words, word pairs and character n-grams — is found with one
// slot read; longer terms compare their tail in the arena. Terms also live back to back in one
// arena (stable offsets, no allocation per term) for term(id). Load factor <= 3/4 (1/2 cost ~10 MB more fresh memory
// per table on Brown word 1-2). The hash is a fast multiply-mix over 8-byte words; it never decides output (ids are
// re-assigned in term order afterwards), so it is not pinned. Not thread-safe for writes; const find() is safe from
// many threads.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace stylokit::features::detail {

inline uint64_t mum(uint64_t a, uint64_t b) {
  const __uint128_t r = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

[[gnu::always_inline]] inline uint64_t fast_hash(const char* p, size_t n) {
  uint64_t h = 0x243f6a8885a308d3ull ^ (n * 0x9e3779b97f4a7c15ull);
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = mum(h ^ v, 0xa0761d6478bd642full);
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t v = 0;
    std::memcpy(&v, p, n);
    h = mum(h ^ v, 0xe7037ed1a0b428dbull);
  }
  return mum(h, 0x8ebc6af09c88c6e3ull);
}

// Both tables below keep open-addressing slots with `id` (kAbsent = empty) and `count` (in the
// current document), and the indices of the slots counted in the current document.
inline constexpr uint32_t kAbsentId = 0xFFFFFFFFu;

// Records slot i as counted in the current document when `before` (its count before this
// occurrence) is 0: touched[0, n) are the document's slots. Without a branch on that
// condition, which is taken about half the time, unpredictably (a mispredicted branch per
// term was most of the counting loops' cost); touched is kept larger than n.
inline void touch(std::vector<uint32_t>& touched, size_t& n, uint32_t i, uint32_t before) {
  if (n == touched.size()) touched.resize(2 * touched.size() + 64);
  touched[n] = i;
  n += before == 0 ? 1 : 0;
}

// Calls fn(id, count) for every touched slot, in order, and resets those counts. The slots are
// scattered over the table: each is prefetched 8 slots before its turn, and ahead(id) is
// called 4 slots before fn(id, ...), for the caller's own prefetches.
template <class Slot, class Fn, class Ahead>
void drain_touched(std::vector<Slot>& slots, std::vector<uint32_t>& touched, Fn&& fn, Ahead&& ahead) {
  constexpr size_t kSlotAhead = 8, kIdAhead = 4;
  const size_t n = touched.size();
  for (size_t k = 0; k < std::min(n, kSlotAhead); ++k) __builtin_prefetch(&slots[touched[k]]);
  for (size_t k = 0; k < std::min(n, kIdAhead); ++k) ahead(slots[touched[k]].id);
  for (size_t k = 0; k < n; ++k) {
    if (k + kSlotAhead < n) __builtin_prefetch(&slots[touched[k + kSlotAhead]]);
    if (k + kIdAhead < n) ahead(slots[touched[k + kIdAhead]].id);
    Slot& slot = slots[touched[k]];
    fn(slot.id, slot.count);
    slot.count = 0;
  }
  touched.clear();
}

// Grows `slots` to n (a power of two; mask = n - 1), placing each used slot at hash_of(slot) by
// linear probing; the touched slot indices move with their slots.
template <class Slot, class HashOf>
void grow_slots(std::vector<Slot>& slots, size_t& mask, std::vector<uint32_t>& touched, size_t n, HashOf&& hash_of) {
  std::vector<Slot> old(n);
  old.swap(slots);
  mask = n - 1;
  std::vector<uint32_t> moved(old.size(), 0);
  for (size_t o = 0; o < old.size(); ++o) {
    if (old[o].id == kAbsentId) continue;
    size_t i = hash_of(old[o]) & mask;
    while (slots[i].id != kAbsentId) i = (i + 1) & mask;
    slots[i] = old[o];
    moved[o] = static_cast<uint32_t>(i);
  }
  for (auto& t : touched) t = moved[t];
}

class TermTable {
 public:
  static constexpr uint32_t kAbsent = kAbsentId;

  TermTable() { rehash(1u << 12); }

  // Id of `s`, inserting it when new. Amortised O(|s|).
  uint32_t intern(std::string_view s) { return intern(s, hash(s)); }
  // As above with h = hash(s), computed ahead so that the slot could be prefetched.
  uint32_t intern(std::string_view s, uint64_t h) { return slots_[locate<true>(s, h)].id; }

  // Interns `s` and counts one occurrence in the current document.
  void count(std::string_view s) { count(s, hash(s)); }
  void count(std::string_view s, uint64_t h) {
    const size_t i = locate<true>(s, h);
    touch(touched_, ntouched_, static_cast<uint32_t>(i), slots_[i].count++);
  }

  // Lookups of a known sequence of keys are bound by cache misses on the slots: callers hash
  // a few keys ahead and prefetch their slots (a hint only; a rehash in between is harmless).
  static uint64_t hash(std::string_view s) { return fast_hash(s.data(), s.size()); }
  void prefetch(uint64_t h) const { __builtin_prefetch(&slots_[h & mask_]); }

  // Calls fn(id, count) for every term counted since the last call (in first-seen order) and
  // resets those counts; ahead(id) is called 4 terms before fn(id, ...) (drain_touched).
  template <class Fn, class Ahead>
  void end_document(Fn&& fn, Ahead&& ahead) {
    touched_.resize(ntouched_);
    drain_touched(slots_, touched_, std::forward<Fn>(fn), std::forward<Ahead>(ahead));
    ntouched_ = 0;
  }
  template <class Fn>
  void end_document(Fn&& fn) {
    end_document(std::forward<Fn>(fn), [](uint32_t) {});
  }

  // Id of `s`, or kAbsent.
  uint32_t find(std::string_view s) const {
    const size_t i = const_cast<TermTable*>(this)->locate<false>(s, hash(s));
    return i == kNotFound ? kAbsent : slots_[i].id;
  }

  std::string_view term(uint32_t id) const { return {arena_.data() + offsets_[id], sizes_[id]}; }
  size_t size() const { return offsets_.size(); }

 private:
  static constexpr size_t kNotFound = ~size_t{0};

  struct alignas(32) Slot {
    uint32_t fingerprint = 0;  // high 32 bits of the hash
    uint32_t id = kAbsent;     // kAbsent = empty slot
    uint32_t size = 0;
    uint32_t count = 0;         // occurrences in the current document
    uint64_t head[2] = {0, 0};  // first 16 bytes, zero-padded
  };
  static_assert(sizeof(Slot) == 32);

  static void load_head(std::string_view s, uint64_t head[2]) {
    char buf[16] = {};
    std::memcpy(buf, s.data(), s.size() < 16 ? s.size() : 16);
    std::memcpy(head, buf, 16);
  }

  template <bool kInsert>
  size_t locate(std::string_view s, uint64_t h) {
    const auto fp = static_cast<uint32_t>(h >> 32);
    uint64_t head[2];
    load_head(s, head);
    size_t i = h & mask_;
    for (;;) {
      Slot& slot = slots_[i];
      if (slot.id == kAbsent) break;
      if (slot.fingerprint == fp && slot.size == s.size() && slot.head[0] == head[0] && slot.head[1] == head[1] &&
          (s.size() <= 16 || std::memcmp(arena_.data() + offsets_[slot.id] + 16, s.data() + 16, s.size() - 16) == 0))
        return i;
      i = (i + 1) & mask_;
    }
    if constexpr (!kInsert) {
      return kNotFound;
    } else {
      const auto id = static_cast<uint32_t>(offsets_.size());
      offsets_.push_back(arena_.size());
      sizes_.push_back(static_cast<uint32_t>(s.size()));
      arena_.insert(arena_.end(), s.begin(), s.end());
      Slot& slot = slots_[i];
      slot.fingerprint = fp;
      slot.id = id;
      slot.size = static_cast<uint32_t>(s.size());
      slot.count = 0;
      slot.head[0] = head[0];
      slot.head[1] = head[1];
      if (offsets_.size() * 4 > slots_.size() * 3) {
        rehash(slots_.size() * 2);
        return locate<false>(s, h);
      }
      return i;
    }
  }

  // Grows the slot array; slots of the current document's touched list move with their terms.
  void rehash(size_t n) {
    touched_.resize(ntouched_);
    grow_slots(slots_, mask_, touched_, n,
               [&](const Slot& slot) { return fast_hash(arena_.data() + offsets_[slot.id], slot.size); });
  }

  std::vector<char> arena_;
  std::vector<uint64_t> offsets_;  // per id: where the term starts in arena_
  std::vector<uint32_t> sizes_;    // per id: its size in bytes
  std::vector<Slot> slots_;
  std::vector<uint32_t> touched_;  // slots counted in the current document: the first ntouched_
  size_t ntouched_ = 0;
  size_t mask_ = 0;
};

// The word pairs of word 2-grams, keyed by their two unigram ids (8 bytes): TermTable's
// interface for counting, over 16-byte slots holding the whole key, and the keys in id order
// (no arena). Half a TermTable's memory for the table that dominates a word 1-2 run (hundreds
// of thousands of pairs, and every fresh page of them costs a page fault), and a single compare.
class PairTable {
 public:
  static constexpr uint32_t kAbsent = TermTable::kAbsent;

  PairTable() { rehash(1u << 12); }

  static uint64_t hash(std::string_view key) { return mum(load(key) ^ 0x243f6a8885a308d3ull, 0xa0761d6478bd642full); }
  void prefetch(uint64_t h) const { __builtin_prefetch(&slots_[h & mask_]); }

  // Counts one occurrence of `key` (8 bytes, h = hash(key)) in the current document.
  void count(std::string_view key, uint64_t h) {
    const uint64_t k = load(key);
    size_t i = h & mask_;
    while (slots_[i].id != kAbsent && slots_[i].key != k) i = (i + 1) & mask_;
    if (slots_[i].id == kAbsent) {
      slots_[i] = {k, static_cast<uint32_t>(keys_.size()), 0};
      keys_.push_back(k);
      if (keys_.size() * 4 > slots_.size() * 3) {
        rehash(slots_.size() * 2);
        i = h & mask_;
        while (slots_[i].key != k || slots_[i].id == kAbsent) i = (i + 1) & mask_;
      }
    }
    touch(touched_, ntouched_, static_cast<uint32_t>(i), slots_[i].count++);
  }

  // As TermTable::end_document.
  template <class Fn>
  void end_document(Fn&& fn) {
    touched_.resize(ntouched_);
    drain_touched(slots_, touched_, std::forward<Fn>(fn), [](uint32_t) {});
    ntouched_ = 0;
  }

  std::string_view term(uint32_t id) const { return {reinterpret_cast<const char*>(&keys_[id]), sizeof(uint64_t)}; }
  size_t size() const { return keys_.size(); }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t id = kAbsent;  // kAbsent = empty slot
    uint32_t count = 0;     // occurrences in the current document
  };
  static_assert(sizeof(Slot) == 16);

  static uint64_t load(std::string_view key) {
    uint64_t k;
    std::memcpy(&k, key.data(), sizeof k);
    return k;
  }

  // As TermTable::rehash: the current document's touched slots move with their keys.
  void rehash(size_t n) {
    touched_.resize(ntouched_);
    grow_slots(slots_, mask_, touched_, n, [](const Slot& slot) {
      return hash({reinterpret_cast<const char*>(&slot.key), sizeof(uint64_t)});
    });
  }

  std::vector<uint64_t> keys_;  // per id
  std::vector<Slot> slots_;
  std::vector<uint32_t> touched_;  // the first ntouched_ are the current document's slots
  size_t ntouched_ = 0;
  size_t mask_ = 0;
};

}  // namespace stylokit::features::detail
