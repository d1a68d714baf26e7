// Golden HTTP tests: each `cases/NAME.http` is a raw request, `cases/NAME.expected` the response
// it must get, side by side. Values that change per run (correlation ids, timestamps, generated
// ids, secrets, cursors) are normalized before comparing. Placeholders in requests:
// {{KEY}} (sandbox read-write), {{RO_KEY}} (sandbox read-only), {{LIVE_KEY}}, {{OTHER_KEY}}
// (another organization), {{LAST_ID}} (the id in the latest response that had one), {{ID:app}},
// {{ID:doc}}, {{ID:cus}}… (the latest id of that kind, from `id` or `customerId`).
// Regenerate after an intended change: CONDUIT_GOLDEN_UPDATE=1 build/test/conduit_tests --gtest_filter=Golden*
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "integration/fixture.h"

namespace conduit::test {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}

std::string normalize(std::string s) {
  static const std::vector<std::pair<std::regex, std::string>> rules = {
      {std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), "<uuid>"},
      {std::regex("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), "<timestamp>"},
      {std::regex("\\b(org|usr|cus|app|doc|wep|wdl|wda|evt|key)_[0-9A-Za-z]{22}\\b"), "$1_<id>"},
      {std::regex("whsec_[0-9a-f]{64}"), "whsec_<secret>"},
      {std::regex("\"(nextCursor|previousCursor)\": \"[^\"]+\""), "\"$1\": \"<cursor>\""},
  };
  for (const auto& [re, with] : rules) s = std::regex_replace(s, re, with);
  return s;
}

void pretty(const boost::json::value& v, std::string& out, int indent) {
  std::string pad(indent, ' ');
  if (v.is_object()) {
    const auto& o = v.get_object();
    if (o.empty()) { out += "{}"; return; }
    out += "{\n";
    size_t i = 0;
    for (const auto& kv : o) {
      out += pad + "  " + boost::json::serialize(boost::json::value(kv.key())) + ": ";
      pretty(kv.value(), out, indent + 2);
      out += ++i < o.size() ? ",\n" : "\n";
    }
    out += pad + "}";
  } else if (v.is_array()) {
    const auto& a = v.get_array();
    if (a.empty()) { out += "[]"; return; }
    out += "[\n";
    for (size_t i = 0; i < a.size(); ++i) {
      out += pad + "  ";
      pretty(a[i], out, indent + 2);
      out += i + 1 < a.size() ? ",\n" : "\n";
    }
    out += pad + "]";
  } else {
    out += boost::json::serialize(v);
  }
}

// The response as compared: status line, the headers that carry contract, the body.
std::string render(const HttpResponse& r) {
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + "\n";
  std::vector<std::pair<std::string, std::string>> kept;
  for (const auto& [k, v] : r.headers) {
    if (k == "content-type" || k == "allow" || k == "retry-after" || k == "idempotent-replayed" ||
        k == "x-client-correlation-id" || k == "x-ratelimit-limit" || k == "content-encoding" || k == "connection")
      kept.emplace_back(k, v);
    else if (k == "x-correlation-id" || k == "x-ratelimit-remaining" || k == "x-ratelimit-reset")
      kept.emplace_back(k, "<present>");
  }
  std::sort(kept.begin(), kept.end());
  for (const auto& [k, v] : kept) out += k + ": " + v + "\n";
  out += "\n";
  if (!r.body.empty()) {
    boost::json::error_code ec;
    auto v = boost::json::parse(r.body, ec);
    if (ec) out += r.body;
    else pretty(v, out, 0);
    out += "\n";
  }
  return normalize(out);
}

}  // namespace

TEST(Golden, RequestsAndTheirExpectedResponses) {
  ServerProcess server({"--rate-limit", "100000"});
  auto [org, ro] = make_org_key(server, "sandbox", "read_only");
  auto live = server.cli({"keys", "create", "--org", org, "--env", "production", "--access", "read_write"});
  std::string live_key(live.json().as_object()["key"].as_string());
  auto [other_org, other_key] = make_org_key(server);
  std::map<std::string, std::string> vars = {
      {"{{KEY}}", server.bootstrap_key()}, {"{{RO_KEY}}", ro}, {"{{LIVE_KEY}}", live_key}, {"{{OTHER_KEY}}", other_key}};

  bool update = std::getenv("CONDUIT_GOLDEN_UPDATE") != nullptr;
  fs::path dir = fs::path(CONDUIT_SOURCE_DIR) / "test" / "golden" / "cases";
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".http") cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  ASSERT_GE(cases.size(), 20u);
  for (const auto& path : cases) {
    SCOPED_TRACE(path.filename().string());
    std::string text = read_text(path);
    for (const auto& [k, v] : vars) replace_all(text, k, v);
    // Head and body are separated by a blank line; CRLF and Content-Length are added here.
    auto split = text.find("\n\n");
    std::string head = text.substr(0, split), body = split == std::string::npos ? "" : text.substr(split + 2);
    while (!body.empty() && body.back() == '\n') body.pop_back();
    bool production = head.find("\nX-Listener: production") != std::string::npos;
    replace_all(head, "\nX-Listener: production", "");
    replace_all(head, "\n", "\r\n");
    if (head.find("multipart/form-data") != std::string::npos) {
      replace_all(body, "\n", "\r\n");
      body += "\r\n";
    }
    std::string raw = head + "\r\n";
    if (!body.empty()) raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    raw += "\r\n" + body;
    auto client = production ? server.production_client() : server.sandbox_client();
    auto response = client->raw(raw);
    ASSERT_TRUE(response);
    if (response->body.size() && response->body[0] == '{') {
      // Remember ids for later cases: {{LAST_ID}}, and {{ID:<prefix>}} per kind of id.
      auto v = boost::json::parse(response->body);
      for (const char* member : {"id", "customerId"}) {
        auto* id = v.as_object().if_contains(member);
        if (!id || !id->is_string()) continue;
        std::string text(id->as_string());
        if (std::string(member) == "id") vars["{{LAST_ID}}"] = text;
        vars["{{ID:" + text.substr(0, text.find('_')) + "}}"] = text;
      }
    }
    std::string got = render(*response);
    fs::path expected_path = path;
    expected_path.replace_extension(".expected");
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << got;
      continue;
    }
    ASSERT_TRUE(fs::exists(expected_path)) << "missing " << expected_path << " (run with CONDUIT_GOLDEN_UPDATE=1)";
    EXPECT_EQ(got, read_text(expected_path));
  }
}

}  // namespace conduit::test
