#pragma once
// Plain request/response values shared by the server, the filter chain and the handlers.
// Deliberately free of Beast/Asio so that only http/server.cpp pays for those headers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/environment.h"

namespace conduit::http {

struct Header {
  std::string name;  // lower case for requests; as written for responses
  std::string value;
};

struct Request {
  std::string method;   // upper case, e.g. "GET"
  std::string target;   // as received: path and query
  std::string path;     // target up to '?'
  std::string query;    // after '?', without it
  std::vector<Header> headers;
  std::string body;
  std::string remote_ip;
  Environment environment = Environment::sandbox;  // of the listener that accepted it
  std::optional<uint64_t> content_length;          // declared, if any
  bool chunked = false;

  // First header with this lower-case name, or nullptr.
  const std::string* header(std::string_view lower_name) const {
    for (const auto& h : headers)
      if (h.name == lower_name) return &h.value;
    return nullptr;
  }
  size_t header_count(std::string_view lower_name) const {
    size_t n = 0;
    for (const auto& h : headers) n += h.name == lower_name;
    return n;
  }
  bool declares_body() const { return chunked || (content_length && *content_length > 0); }
};

struct Response {
  int status = 200;
  std::string content_type;  // empty for no body
  std::string body;
  std::vector<Header> headers;
  bool close = false;  // close the connection after this response

  void set_header(std::string name, std::string value) {
    headers.push_back({std::move(name), std::move(value)});
  }
  const std::string* header(std::string_view name) const {
    for (const auto& h : headers)
      if (h.name == name) return &h.value;
    return nullptr;
  }
};

}  // namespace conduit::http
