#pragma once
// A small SVG writer (no plotting stack in C++): elements appended to a string with
// attribute values escaped, plus the colour scale the pictures share. Output is a pure
// function of the calls, so pictures are byte-identical across runs.

#include <string>
#include <string_view>

namespace stylokit::report {

// Escapes &, <, >, " and ' for XML text and attribute values.
std::string xml_escape(std::string_view text);

// Formats a coordinate or value compactly and deterministically ("12.5", "0.333").
std::string num(double value, int decimals = 2);

// Perceptually uniform colour scale (matplotlib's viridis, 9 stops, linear in between)
// for t in [0, 1] (clamped; NaN gives grey), as "#rrggbb".
std::string viridis(double t);

// A categorical colour for group index i (Tableau 10, cycling).
std::string category_colour(size_t i);

class Svg {
 public:
  Svg(double width, double height);
  void rect(double x, double y, double w, double h, std::string_view fill, std::string_view title = {},
            std::string_view extra = {});
  void line(double x1, double y1, double x2, double y2, std::string_view stroke = "#333", double width = 1);
  // anchor: "start" | "middle" | "end"; rotate in degrees around (x, y).
  void text(double x, double y, std::string_view content, double size = 11, std::string_view anchor = "start",
            double rotate = 0, std::string_view fill = "#222", std::string_view title = {});
  void circle(double cx, double cy, double r, std::string_view fill, std::string_view title = {});
  void raw(std::string_view markup) { body_ += markup; }
  // The complete document (XML declaration not included: it embeds in HTML as is).
  std::string finish() const;

 private:
  double width_, height_;
  std::string body_;
};

}  // namespace stylokit::report
