#include "toolkit/report/svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace stylokit::report {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string num(double value, int decimals) {
  std::string s = fmt::format("{:.{}f}", value, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string viridis(double t) {
  // matplotlib's viridis sampled at 0, 1/8, ..., 1.
  static constexpr std::array<std::array<int, 3>, 9> kStops = {{{68, 1, 84},
                                                                 {71, 44, 122},
                                                                 {59, 81, 139},
                                                                 {44, 113, 142},
                                                                 {33, 144, 141},
                                                                 {39, 173, 129},
                                                                 {92, 200, 99},
                                                                 {170, 220, 50},
                                                                 {253, 231, 37}}};
  if (std::isnan(t)) return "#bbbbbb";
  t = std::clamp(t, 0.0, 1.0) * 8.0;
  size_t i = std::min<size_t>(static_cast<size_t>(t), 7);
  double f = t - static_cast<double>(i);
  auto mix = [&](int k) {
    return static_cast<int>(std::lround(kStops[i][k] + f * (kStops[i + 1][k] - kStops[i][k])));
  };
  return fmt::format("#{:02x}{:02x}{:02x}", mix(0), mix(1), mix(2));
}

std::string category_colour(size_t i) {
  static constexpr std::array<const char*, 10> kTableau = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
  return kTableau[i % kTableau.size()];
}

Svg::Svg(double width, double height) : width_(width), height_(height) {}

void Svg::rect(double x, double y, double w, double h, std::string_view fill, std::string_view title,
               std::string_view extra) {
  body_ += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{}{})", num(x), num(y), num(w), num(h),
                       fill, extra.empty() ? "" : " ", extra);
  if (title.empty()) {
    body_ += "/>\n";
  } else {
    body_ += "><title>" + xml_escape(title) + "</title></rect>\n";
  }
}

void Svg::line(double x1, double y1, double x2, double y2, std::string_view stroke, double width) {
  body_ += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>)", num(x1), num(y1),
                       num(x2), num(y2), stroke, num(width));
  body_ += '\n';
}

void Svg::text(double x, double y, std::string_view content, double size, std::string_view anchor, double rotate,
               std::string_view fill, std::string_view title) {
  std::string transform =
      rotate == 0 ? "" : fmt::format(R"x( transform="rotate({} {} {})")x", num(rotate), num(x), num(y));
  body_ += fmt::format(R"(<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{}"{}>)", num(x), num(y),
                       num(size), anchor, fill, transform);
  if (!title.empty()) body_ += "<title>" + xml_escape(title) + "</title>";
  body_ += xml_escape(content) + "</text>\n";
}

void Svg::circle(double cx, double cy, double r, std::string_view fill, std::string_view title) {
  body_ += fmt::format(R"(<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="#222" stroke-width="0.5")", num(cx),
                       num(cy), num(r), fill);
  if (title.empty()) {
    body_ += "/>\n";
  } else {
    body_ += "><title>" + xml_escape(title) + "</title></circle>\n";
  }
}

std::string Svg::finish() const {
  return fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" )"
                     R"(font-family="DejaVu Sans, Helvetica, Arial, sans-serif">)"
                     "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{}</svg>\n",
                     num(width_), num(height_), num(width_), num(height_), body_);
}

}  // namespace stylokit::report
