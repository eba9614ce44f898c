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
  auto mix = [&](int k) { return static_cast<int>(std::lround(kStops[i][k] + f * (kStops[i + 1][k] - kStops[i][k]))); };
  return fmt::format("#{:02x}{:02x}{:02x}", mix(0), mix(1), mix(2));
}

namespace {

// See category_colour in svg.h for how these were chosen and ordered.
constexpr std::array<const char*, kCategoryColours> kPalette = {
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#2b3d26",
    "#be0032", "#79706e", "#604e97", "#654522", "#d7b5a6", "#8cd17d", "#86bcb6", "#c2b280",
    "#e15759", "#fabfd2", "#b3446c", "#f99379", "#8db600", "#882d17", "#9d7660", "#ffbe7d"};

std::array<int, 3> parse_hex(std::string_view h) {
  if (!h.empty() && h[0] == '#') h.remove_prefix(1);
  std::array<int, 3> rgb{};
  for (size_t k = 0; k < 3 && 2 * k + 1 < h.size(); ++k)
    rgb[k] = std::stoi(std::string(h.substr(2 * k, 2)), nullptr, 16);
  return rgb;
}

double relative_luminance(const std::array<int, 3>& rgb) {
  auto lin = [](int c) {
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
}

}  // namespace

std::string category_colour(size_t i) {
  return kPalette[i % kPalette.size()];
}

double contrast_ratio(std::string_view a, std::string_view b) {
  double la = relative_luminance(parse_hex(a)), lb = relative_luminance(parse_hex(b));
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

std::string category_text_colour(size_t i) {
  // Scaling all three channels keeps the hue; 5% steps reach 4.5:1 within a few rounds.
  auto rgb = parse_hex(kPalette[i % kPalette.size()]);
  for (double f = 1.0; f > 0; f -= 0.05) {
    std::string c = fmt::format("#{:02x}{:02x}{:02x}", static_cast<int>(rgb[0] * f), static_cast<int>(rgb[1] * f),
                                static_cast<int>(rgb[2] * f));
    if (contrast_ratio(c, "#ffffff") >= 4.5) return c;
  }
  return "#000000";
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
  body_ += fmt::format(R"(<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{}"{}>)", num(x), num(y), num(size),
                       anchor, fill, transform);
  if (!title.empty()) body_ += "<title>" + xml_escape(title) + "</title>";
  body_ += xml_escape(content) + "</text>\n";
}

void Svg::circle(double cx, double cy, double r, std::string_view fill, std::string_view title) {
  body_ += fmt::format(R"(<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="#222" stroke-width="0.5")", num(cx), num(cy),
                       num(r), fill);
  if (title.empty()) {
    body_ += "/>\n";
  } else {
    body_ += "><title>" + xml_escape(title) + "</title></circle>\n";
  }
}

void Svg::marker(size_t shape, double cx, double cy, double r, std::string_view fill, std::string_view title) {
  shape %= kMarkerShapes;
  if (shape == 0) return circle(cx, cy, r, fill, title);
  std::string points;
  auto pt = [&](double x, double y) { points += fmt::format("{}{},{}", points.empty() ? "" : " ", num(x), num(y)); };
  // Areas roughly equal to the circle's, so no group looks heavier.
  if (shape == 1) {
    double h = r * 0.89;
    pt(cx - h, cy - h), pt(cx + h, cy - h), pt(cx + h, cy + h), pt(cx - h, cy + h);
  } else if (shape == 2 || shape == 4) {
    double s = shape == 2 ? 1 : -1, h = r * 1.35;
    pt(cx, cy - s * h), pt(cx + h * 0.87, cy + s * h * 0.5), pt(cx - h * 0.87, cy + s * h * 0.5);
  } else {
    double h = r * 1.25;
    pt(cx, cy - h), pt(cx + h, cy), pt(cx, cy + h), pt(cx - h, cy);
  }
  body_ += fmt::format(R"(<polygon points="{}" fill="{}" stroke="#222" stroke-width="0.5")", points, fill);
  if (title.empty()) {
    body_ += "/>\n";
  } else {
    body_ += "><title>" + xml_escape(title) + "</title></polygon>\n";
  }
}

std::string Svg::finish() const {
  return fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" )"
                     R"(font-family="DejaVu Sans, Helvetica, Arial, sans-serif">)"
                     "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{}</svg>\n",
                     num(width_), num(height_), num(width_), num(height_), body_);
}

}  // namespace stylokit::report
