#pragma once
// PNG encoding for pictures too large to draw as SVG (libpng; its headers stay private to
// this stage's sources). The output is a pure function of the pixels (fixed compression
// settings, no time stamp), so runs are byte-identical. Thread-safe; O(width × height).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stylokit::report {

// An 8-bit RGB image: pixel (x, y) at rgb[3 * (y * width + x)].
struct RgbImage {
  std::size_t width = 0, height = 0;
  std::vector<std::uint8_t> rgb;

  RgbImage(std::size_t w, std::size_t h, std::uint8_t fill = 255) : width(w), height(h), rgb(3 * w * h, fill) {}
  // Fills the rectangle [x, x + w) × [y, y + h), clipped to the image, with "#rrggbb".
  void fill_rect(std::size_t x, std::size_t y, std::size_t w, std::size_t h, std::string_view colour);
};

// The PNG file bytes of `image`. Throws DataError on an empty image or a pixel buffer of the
// wrong size, IoError when libpng fails.
std::string encode_png(const RgbImage& image);

// Standard base64 (RFC 4648, with padding), for data: URIs.
std::string base64(std::string_view bytes);

}  // namespace stylokit::report
