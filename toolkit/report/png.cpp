#include "toolkit/report/png.h"

#include <png.h>

#include <algorithm>
#include <csetjmp>

#include "toolkit/common/error.h"

namespace stylokit::report {
namespace {

void append_bytes(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}

void flush_nothing(png_structp) {}

// libpng reports errors by longjmp; this frame holds no objects with destructors, so the jump
// skips none. Returns false on a libpng error.
bool write_png(const RgbImage& image, std::string* out, png_bytepp rows) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(png, out, append_bytes, flush_nothing);
  png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 9);
  png_set_rows(png, info, rows);
  png_write_png(png, info, PNG_TRANSFORM_IDENTITY, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

void RgbImage::fill_rect(std::size_t x, std::size_t y, std::size_t w, std::size_t h, std::string_view colour) {
  if (colour.size() == 7 && colour[0] == '#') colour.remove_prefix(1);
  STYLOKIT_CHECK(colour.size() == 6, DataError, "png: colour '{}' is not #rrggbb", colour);
  std::uint8_t c[3];
  for (int k = 0; k < 3; ++k)
    c[k] = static_cast<std::uint8_t>(std::stoi(std::string(colour.substr(2 * k, 2)), nullptr, 16));
  const std::size_t x1 = std::min(width, x + w), y1 = std::min(height, y + h);
  for (std::size_t yy = y; yy < y1; ++yy)
    for (std::size_t xx = x; xx < x1; ++xx) std::copy(c, c + 3, rgb.begin() + 3 * (yy * width + xx));
}

std::string encode_png(const RgbImage& image) {
  STYLOKIT_CHECK(image.width > 0 && image.height > 0, DataError, "png: empty image ({}x{})", image.width, image.height);
  STYLOKIT_CHECK(image.rgb.size() == 3 * image.width * image.height, DataError, "png: {} bytes for a {}x{} RGB image",
                 image.rgb.size(), image.width, image.height);
  std::vector<png_bytep> rows(image.height);
  for (std::size_t y = 0; y < image.height; ++y)
    rows[y] = const_cast<png_bytep>(image.rgb.data() + 3 * y * image.width);  // libpng only reads them
  std::string out;
  STYLOKIT_CHECK(write_png(image, &out, rows.data()), IoError, "png: libpng could not encode a {}x{} image",
                 image.width, image.height);
  return out;
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t v = static_cast<std::uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<std::uint8_t>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) v |= static_cast<std::uint8_t>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

}  // namespace stylokit::report
