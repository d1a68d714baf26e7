#pragma once
// Path routing with `{name}` parameters. Routes are few (tens), so matching is a scan over
// pre-split patterns; a known path with the wrong method yields the Allow list for a 405.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace conduit::http {

using PathParams = std::vector<std::pair<std::string, std::string>>;

inline std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path[0] != '/') return out;
  size_t start = 1;
  while (true) {
    size_t end = path.find('/', start);
    out.push_back(path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

template <class T>
class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    T value;
  };
  struct Match {
    const Route* route = nullptr;  // set when path and method match
    bool path_known = false;       // some route has this path
    std::string allow;             // methods for the path, for a 405
    PathParams params;
  };

  void add(std::string method, std::string pattern, T value) {
    for (auto& p : patterns_)
      if (p.pattern == pattern) {
        p.routes.push_back({std::move(method), p.pattern, std::move(value)});
        return;
      }
    Pattern p;
    p.pattern = pattern;
    for (auto seg : split_path(pattern)) p.segments.emplace_back(seg);
    p.routes.push_back({std::move(method), std::move(pattern), std::move(value)});
    patterns_.push_back(std::move(p));
  }

  Match match(std::string_view method, std::string_view path) const {
    Match m;
    auto segments = split_path(path);
    if (segments.empty()) return m;
    for (const auto& p : patterns_) {
      PathParams params;
      if (!matches(p, segments, params)) continue;
      m.path_known = true;
      // HEAD is answered on every GET route.
      std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
      for (const auto& r : p.routes) {
        if (!m.allow.empty()) m.allow += ", ";
        m.allow += r.method;
        if (r.method == "GET") m.allow += ", HEAD";
        if (r.method == wanted && !m.route) {
          m.route = &r;
          m.params = std::move(params);
        }
      }
      return m;
    }
    return m;
  }

  std::vector<const Route*> routes() const {
    std::vector<const Route*> out;
    for (const auto& p : patterns_)
      for (const auto& r : p.routes) out.push_back(&r);
    return out;
  }

 private:
  struct Pattern {
    std::string pattern;
    std::vector<std::string> segments;
    std::vector<Route> routes;
  };

  static bool matches(const Pattern& p, const std::vector<std::string_view>& segs, PathParams& params) {
    if (p.segments.size() != segs.size()) return false;
    for (size_t i = 0; i < segs.size(); ++i) {
      const auto& want = p.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        if (segs[i].empty()) return false;
        params.emplace_back(want.substr(1, want.size() - 2), std::string(segs[i]));
      } else if (want != segs[i]) {
        return false;
      }
    }
    return true;
  }

  std::vector<Pattern> patterns_;
};

}  // namespace conduit::http
