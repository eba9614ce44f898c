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

// Number of distinct categorical colours before category_colour cycles.
inline constexpr size_t kCategoryColours = 24;

// A categorical colour for group index i (cycling after kCategoryColours): Okabe–Ito's
// colour-blind-safe 7 first, then colours from Kelly's 22 and Tableau 20 added greedily,
// each the one farthest (CIEDE2000) from those before and from white. The first 15 are at
// least 18 ΔE00 apart, the first 20 at least 14 (tests/report/colours.py checks this).
std::string category_colour(size_t i);

// The same hue darkened until it reaches WCAG's 4.5:1 contrast on white, for text.
std::string category_text_colour(size_t i);

// WCAG 2.1 contrast ratio of two "#rrggbb" colours, 1..21.
double contrast_ratio(std::string_view a, std::string_view b);

// Marker shapes, the second channel in maps: group i gets shape i % kMarkerShapes, so
// colour and shape together stay distinct for 120 groups.
inline constexpr size_t kMarkerShapes = 5;

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
  // Marker `shape` (0 circle, 1 square, 2 triangle, 3 diamond, 4 inverted triangle) of
  // radius r around (cx, cy), with an outline.
  void marker(size_t shape, double cx, double cy, double r, std::string_view fill, std::string_view title = {});
  void raw(std::string_view markup) { body_ += markup; }
  // The complete document (XML declaration not included: it embeds in HTML as is).
  std::string finish() const;

 private:
  double width_, height_;
  std::string body_;
};

}  // namespace stylokit::report
