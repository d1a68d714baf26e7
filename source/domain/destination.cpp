#include "domain/destination.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace conduit::domain {
namespace {

bool v4_forbidden(uint32_t a) {
  struct Range {
    uint32_t net;
    int bits;
  };
  static constexpr Range kRanges[] = {
      {0x00000000, 8},   // this network
      {0x0A000000, 8},   // private
      {0x64400000, 10},  // carrier-grade NAT
      {0x7F000000, 8},   // loopback
      {0xA9FE0000, 16},  // link-local (and cloud metadata)
      {0xAC100000, 12},  // private
      {0xC0000000, 24},  // IETF protocol assignments
      {0xC0000200, 24},  // documentation
      {0xC0A80000, 16},  // private
      {0xC6120000, 15},  // benchmarking
      {0xC6336400, 24},  // documentation
      {0xCB007100, 24},  // documentation
      {0xE0000000, 4},   // multicast
      {0xF0000000, 4},   // reserved and broadcast
  };
  for (const auto& r : kRanges) {
    uint32_t mask = r.bits == 0 ? 0 : ~uint32_t(0) << (32 - r.bits);
    if ((a & mask) == r.net) return true;
  }
  return false;
}

bool v6_forbidden(const std::array<uint8_t, 16>& b) {
  static constexpr std::array<uint8_t, 16> kZero{};
  std::array<uint8_t, 16> loopback{};
  loopback[15] = 1;
  if (b == kZero || b == loopback) return true;
  if ((b[0] & 0xFE) == 0xFC) return true;                  // unique local fc00::/7
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return true;  // link-local fe80::/10
  if (b[0] == 0xFF) return true;                           // multicast
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return true;  // documentation
  bool mapped = std::all_of(b.begin(), b.begin() + 10, [](uint8_t x) { return x == 0; }) && b[10] == 0xFF && b[11] == 0xFF;
  bool compat = std::all_of(b.begin(), b.begin() + 12, [](uint8_t x) { return x == 0; });
  if (mapped || compat) {  // IPv4 inside IPv6: judge the IPv4 address
    uint32_t a = (uint32_t(b[12]) << 24) | (uint32_t(b[13]) << 16) | (uint32_t(b[14]) << 8) | b[15];
    return v4_forbidden(a);
  }
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return out;
}

}  // namespace

bool is_forbidden_address(std::string_view ip) {
  std::string text(ip);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return v4_forbidden(ntohl(v4.s_addr));
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    std::array<uint8_t, 16> b{};
    std::memcpy(b.data(), &v6, 16);
    return v6_forbidden(b);
  }
  return false;
}

std::optional<std::string> check_webhook_url(std::string_view url, Environment env) {
  if (url.size() > 2048) return "Must be at most 2048 characters.";
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return "Must be an absolute http or https URL.";
  std::string scheme = lower(url.substr(0, scheme_end));
  if (scheme != "https" && scheme != "http") return "Must use https.";
  if (scheme == "http" && env == Environment::production) return "Must use https in production.";
  std::string_view rest = url.substr(scheme_end + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return "Must not contain spaces or control characters.";
  if (authority.find('@') != std::string_view::npos) return "Must not contain user information.";
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {
    auto close = host.find(']');
    if (close == std::string_view::npos) return "Has an invalid IPv6 host.";
    std::string_view after = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (!after.empty() && after.front() != ':') return "Has an invalid host.";
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty()) return "Must name a host.";
  auto colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.back() != ']') {
    std::string_view port = authority.substr(colon + 1);
    if (authority.front() != '[' || colon > authority.find(']')) {
      if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), ::isdigit) ||
          std::stoi(std::string(port)) > 65535 || std::stoi(std::string(port)) == 0)
        return "Has an invalid port.";
    }
  }
  if (env == Environment::sandbox) return std::nullopt;
  std::string h = lower(host);
  if (h == "localhost" || (h.size() > 10 && h.ends_with(".localhost")))
    return "Must not point at a loopback, private, link-local or reserved address in production.";
  if (is_forbidden_address(h)) return "Must not point at a loopback, private, link-local or reserved address in production.";
  return std::nullopt;
}

}  // namespace conduit::domain
