#include "http/multipart.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <random>
#include <string>

namespace conduit::http {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ123";

struct TestPart {
  std::string disposition;  // the whole Content-Disposition value
  std::string data;
  std::string content_type = {};
};

// A well-formed body with boundary "XyZ123" (or `boundary`).
std::string make_body(const std::vector<TestPart>& parts, std::string_view boundary = "XyZ123") {
  std::string b;
  for (const auto& p : parts) {
    b += "--" + std::string(boundary) + "\r\n";
    b += "Content-Disposition: " + p.disposition + "\r\n";
    if (!p.content_type.empty()) b += "Content-Type: " + p.content_type + "\r\n";
    b += "\r\n" + p.data + "\r\n";
  }
  b += "--" + std::string(boundary) + "--\r\n";
  return b;
}

bool within(std::string_view inner, std::string_view outer) {
  auto lo = reinterpret_cast<uintptr_t>(outer.data());
  auto p = reinterpret_cast<uintptr_t>(inner.data());
  return inner.empty() ? (p >= lo && p <= lo + outer.size()) : (p >= lo && p + inner.size() <= lo + outer.size());
}

TEST(Multipart, OneFieldPart) {
  std::string body = make_body({{"form-data; name=\"purpose\"", "kyc"}});
  auto r = parse_multipart(kType, body);
  ASSERT_EQ(r.error, MultipartError::none) << r.detail;
  ASSERT_EQ(r.parts.size(), 1u);
  EXPECT_EQ(r.parts[0].name, "purpose");
  EXPECT_FALSE(r.parts[0].filename.has_value());
  EXPECT_EQ(r.parts[0].content_type, "");
  EXPECT_EQ(r.parts[0].data, "kyc");
  EXPECT_TRUE(within(r.parts[0].data, body));
  EXPECT_TRUE(r.detail.empty());
}

TEST(Multipart, ThreePartsWithFileAndFields) {
  std::string pdf = "%PDF-1.7\r\n%binary\r\n\r\n--XyZ12 not quite\r\n-- trailer";
  std::string body = make_body({{"form-data; name=\"file\"; filename=\"report.pdf\"", pdf, "application/pdf"},
                                {"form-data; name=\"purpose\"", "kyc"},
                                {"form-data; name=name", ""}});
  auto r = parse_multipart(kType, body);
  ASSERT_EQ(r.error, MultipartError::none) << r.detail;
  ASSERT_EQ(r.parts.size(), 3u);
  EXPECT_EQ(r.parts[0].name, "file");
  EXPECT_EQ(r.parts[0].filename, "report.pdf");
  EXPECT_EQ(r.parts[0].content_type, "application/pdf");
  EXPECT_EQ(r.parts[0].data, pdf);  // CRLFs and near-boundaries inside the data are data
  EXPECT_EQ(r.parts[1].name, "purpose");
  EXPECT_EQ(r.parts[1].data, "kyc");
  EXPECT_EQ(r.parts[2].name, "name");
  EXPECT_EQ(r.parts[2].data, "");
  for (const auto& p : r.parts) EXPECT_TRUE(within(p.data, body));
}

TEST(Multipart, BinaryDataWithNulsAndAllByteValues) {
  std::string bin;
  for (int i = 0; i < 256; ++i) bin.push_back(char(i));
  bin += std::string("\0\0\r\n\0", 5);
  std::string body = make_body({{"form-data; name=\"file\"; filename=\"x.bin\"", bin, "application/octet-stream"}});
  auto r = parse_multipart(kType, body);
  ASSERT_EQ(r.error, MultipartError::none) << r.detail;
  ASSERT_EQ(r.parts.size(), 1u);
  EXPECT_EQ(r.parts[0].data.size(), bin.size());
  EXPECT_EQ(r.parts[0].data, bin);
}

TEST(Multipart, QuotedAndUnquotedBoundaryAndCaseInsensitiveNames) {
  std::string boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
  std::string body = make_body({{"form-data; name=\"a\"", "1"}}, boundary);
  for (std::string ct : {"multipart/form-data; boundary=" + boundary, "multipart/form-data; boundary=\"" + boundary + "\"",
                         "Multipart/Form-Data ;  BOUNDARY = \"" + boundary + "\" ; charset=utf-8",
                         "multipart/form-data; charset=utf-8; boundary=" + boundary + ";"}) {
    auto r = parse_multipart(ct, body);
    ASSERT_EQ(r.error, MultipartError::none) << ct << ": " << r.detail;
    ASSERT_EQ(r.parts.size(), 1u);
    EXPECT_EQ(r.parts[0].data, "1");
  }
  // A quoted boundary may hold characters a token may not (space, '(', ':', '?', '=').
  std::string odd = "a b(c):d?e=f";
  std::string odd_body = make_body({{"form-data; name=x", "v"}}, odd);  // parts point into it: keep it alive
  auto r = parse_multipart("multipart/form-data; boundary=\"" + odd + "\"", odd_body);
  ASSERT_EQ(r.error, MultipartError::none) << r.detail;
  EXPECT_EQ(r.parts[0].data, "v");
}

TEST(Multipart, HeaderNamesAreCaseInsensitiveAndParametersMayBeQuotedWithEscapes) {
  std::string body =
      "--XyZ123\r\n"
      "content-DISPOSITION:FORM-DATA;NAME=\"f\\\"q\\\\\";  filename = \"a\\\"b.pdf\"; filename*=UTF-8''x.pdf\r\n"
      "CONTENT-type:   image/png  \r\n"
      "X-Other: ignored\r\n"
      "\r\n"
      "data\r\n"
      "--XyZ123--";
  auto r = parse_multipart(kType, body);
  ASSERT_EQ(r.error, MultipartError::none) << r.detail;
  ASSERT_EQ(r.parts.size(), 1u);
  EXPECT_EQ(r.parts[0].name, "f\"q\\");
  EXPECT_EQ(r.parts[0].filename, "a\"b.pdf");  // filename* is ignored
  EXPECT_EQ(r.parts[0].content_type, "image/png");
  EXPECT_EQ(r.parts[0].data, "data");
}

TEST(Multipart, EmptyFilenameIsStillAFilePart) {
  auto body = make_body({{"form-data; name=\"file\"; filename=\"\"", ""}});
  auto r = parse_multipart(kType, body);
  ASSERT_EQ(r.error, MultipartError::none) << r.detail;
  ASSERT_TRUE(r.parts[0].filename.has_value());
  EXPECT_EQ(*r.parts[0].filename, "");
}

TEST(Multipart, PreambleEpilogueAndTransportPadding) {
  std::string body =
      "This is the preamble.\r\nIt is ignored, even --XyZ12 look-alikes.\r\n"
      "--XyZ123 \t\r\n"
      "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
      "one\r\n"
      "--XyZ123\r\n"
      "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
      "two\r\n"
      "--XyZ123--  this is the epilogue\r\n--XyZ123\r\ngarbage";
  auto r = parse_multipart(kType, body);
  ASSERT_EQ(r.error, MultipartError::none) << r.detail;
  ASSERT_EQ(r.parts.size(), 2u);
  EXPECT_EQ(r.parts[0].data, "one");
  EXPECT_EQ(r.parts[1].data, "two");
  // The closing delimiter may also end the body with nothing after it.
  std::string bare = "--XyZ123\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ123--";
  EXPECT_EQ(parse_multipart(kType, bare).error, MultipartError::none);
}

TEST(Multipart, BadContentType) {
  std::string body = make_body({{"form-data; name=a", "v"}});
  for (std::string ct : {"", "application/json", "multipart/mixed; boundary=XyZ123", "multipart/form-data",
                         "multipart/form-data; charset=utf-8", "multipart/form-data; boundary=",
                         "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=\"XyZ123",
                         "multipart/form-data; boundary=a b", "multipart/form-data; boundary=\"abc \"",
                         "multipart/form-data; boundary=\"a\x01\"", "multipart/form-data; boundary=ab[c]",
                         "multipart/form-data; boundary=XyZ123; boundary=XyZ123",
                         "multipart/form-data boundary=XyZ123"}) {
    auto r = parse_multipart(ct, body);
    EXPECT_EQ(r.error, MultipartError::bad_content_type) << ct;
    EXPECT_FALSE(r.detail.empty()) << ct;
    EXPECT_TRUE(r.parts.empty());
  }
  auto missing = parse_multipart("multipart/form-data", body);
  EXPECT_NE(missing.detail.find("boundary"), std::string::npos) << missing.detail;
}

TEST(Multipart, BoundaryLengthIsOneToSeventy) {
  std::string b70(70, 'b');
  auto ok = parse_multipart("multipart/form-data; boundary=" + b70, make_body({{"form-data; name=a", "v"}}, b70));
  EXPECT_EQ(ok.error, MultipartError::none) << ok.detail;
  auto one = parse_multipart("multipart/form-data; boundary=q", make_body({{"form-data; name=a", "v"}}, "q"));
  EXPECT_EQ(one.error, MultipartError::none) << one.detail;
  std::string b71(71, 'b');
  auto r = parse_multipart("multipart/form-data; boundary=" + b71, make_body({{"form-data; name=a", "v"}}, b71));
  EXPECT_EQ(r.error, MultipartError::bad_content_type);
  EXPECT_NE(r.detail.find("70"), std::string::npos) << r.detail;
}

TEST(Multipart, MissingClosingDelimiterIsMalformed) {
  std::string full = make_body({{"form-data; name=a", "v"}});
  std::string no_close = "--XyZ123\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n";
  std::string ends_at_boundary = full.substr(0, full.size() - 4);  // "...\r\n--XyZ123"
  std::string truncated = full.substr(0, full.size() - 6);         // "...\r\n--XyZ1"
  std::string open_only = "--XyZ123\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ123\r\n";
  for (const auto& body : {no_close, ends_at_boundary, truncated, open_only, std::string("--XyZ123"), std::string("--XyZ123\r\n"),
                           std::string(""), std::string("no boundary at all")}) {
    auto r = parse_multipart(kType, body);
    EXPECT_EQ(r.error, MultipartError::malformed) << body;
    EXPECT_FALSE(r.detail.empty());
    EXPECT_TRUE(r.parts.empty());
  }
}

TEST(Multipart, OtherFramingErrorsAreMalformed) {
  std::vector<std::string> bodies = {
      "--XyZ123--\r\n",                                                                   // no parts at all
      "--XyZ123junk\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ123--",  // boundary inside a line
      "--XyZ123\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ123x--",      // boundary prefix in data
      "--XyZ123\r\nContent-Disposition: form-data; name=a\r\nv\r\n--XyZ123--",           // no empty line
      "--XyZ123\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nv\r\n--XyZ123--",   // folded header
      "--XyZ123\r\nContent-Disposition: form-data; name=a\nX: y\r\n\r\nv\r\n--XyZ123--",  // bare LF
      "--XyZ123\r\nBad Header: x\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ123--",
      "--XyZ123\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: form-data; name=b\r\n\r\n"
      "v\r\n--XyZ123--",
      "--XyZ123\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--XyZ123--",
      "--XyZ123\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--XyZ123--",     // unterminated quote
      "--XyZ123\r\nContent-Disposition: form-data; name=a b\r\n\r\nv\r\n--XyZ123--",
      "--XyZ123\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nv\r\n--XyZ123--",
  };
  for (const auto& body : bodies) {
    auto r = parse_multipart(kType, body);
    EXPECT_EQ(r.error, MultipartError::malformed) << body;
    EXPECT_FALSE(r.detail.empty());
  }
}

TEST(Multipart, MissingNameIsMalformed) {
  for (std::string d : {"form-data", "form-data; filename=\"a.pdf\"", "form-data; name=\"\"", "form-data; Name2=x"}) {
    auto r = parse_multipart(kType, make_body({{d, "v"}}));
    EXPECT_EQ(r.error, MultipartError::malformed) << d;
    EXPECT_NE(r.detail.find("name"), std::string::npos) << r.detail;
  }
}

TEST(Multipart, MissingContentDispositionIsMalformed) {
  std::string with_other = "--XyZ123\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ123--";
  std::string no_headers = "--XyZ123\r\n\r\nv\r\n--XyZ123--";
  for (const auto& body : {with_other, no_headers}) {
    auto r = parse_multipart(kType, body);
    EXPECT_EQ(r.error, MultipartError::malformed) << body;
    EXPECT_NE(r.detail.find("Content-Disposition"), std::string::npos) << r.detail;
  }
}

TEST(Multipart, PartHeadersOverTheLimit) {
  MultipartLimits limits;
  limits.max_part_header_bytes = 200;
  std::string head = "Content-Disposition: form-data; name=a\r\n";  // 40 bytes
  auto body_with = [&](size_t header_block_bytes) {
    // header block = head + X-Pad line + final CRLF
    std::string pad = "X-Pad: " + std::string(header_block_bytes - head.size() - 2 - 9, 'p') + "\r\n";
    return "--XyZ123\r\n" + head + pad + "\r\nv\r\n--XyZ123--";
  };
  EXPECT_EQ(parse_multipart(kType, body_with(200), limits).error, MultipartError::none);
  auto r = parse_multipart(kType, body_with(201), limits);
  EXPECT_EQ(r.error, MultipartError::part_headers_too_large);
  EXPECT_NE(r.detail.find("200"), std::string::npos) << r.detail;
  // Never terminated and longer than the limit: too large, not a search to the end of the body.
  std::string endless = "--XyZ123\r\n" + head + "X-Pad: " + std::string(10000, 'p');
  EXPECT_EQ(parse_multipart(kType, endless + "\r\n--XyZ123--", limits).error, MultipartError::part_headers_too_large);
  // The default limit (8 KiB) also applies.
  std::string big = "--XyZ123\r\n" + head + "X-Pad: " + std::string(9000, 'p') + "\r\n\r\nv\r\n--XyZ123--";
  EXPECT_EQ(parse_multipart(kType, big).error, MultipartError::part_headers_too_large);
}

TEST(Multipart, TooManyParts) {
  MultipartLimits limits;
  limits.max_parts = 3;
  std::vector<TestPart> parts(3, TestPart{"form-data; name=a", "v"});
  EXPECT_EQ(parse_multipart(kType, make_body(parts), limits).error, MultipartError::none);
  parts.push_back(TestPart{"form-data; name=b", "w"});
  auto r = parse_multipart(kType, make_body(parts), limits);
  EXPECT_EQ(r.error, MultipartError::too_many_parts);
  EXPECT_TRUE(r.parts.empty());
  // Default: 16.
  std::vector<TestPart> many(17, TestPart{"form-data; name=a", "v"});
  EXPECT_EQ(parse_multipart(kType, make_body(many)).error, MultipartError::too_many_parts);
  many.pop_back();
  EXPECT_EQ(parse_multipart(kType, make_body(many)).parts.size(), 16u);
}

TEST(Multipart, FileOverTheLimit) {
  MultipartLimits limits;
  limits.max_file_bytes = 100;
  limits.max_field_bytes = 10;
  std::string disp = "form-data; name=\"file\"; filename=\"a.pdf\"";
  auto at = parse_multipart(kType, make_body({{disp, std::string(100, 'x')}}), limits);
  EXPECT_EQ(at.error, MultipartError::none) << at.detail;  // a file is held to the file limit, not the field one
  auto r = parse_multipart(kType, make_body({{disp, std::string(101, 'x')}}), limits);
  EXPECT_EQ(r.error, MultipartError::file_too_large);
  EXPECT_NE(r.detail.find("100"), std::string::npos) << r.detail;
}

TEST(Multipart, FieldOverTheLimit) {
  MultipartLimits limits;
  limits.max_file_bytes = 100;
  limits.max_field_bytes = 10;
  EXPECT_EQ(parse_multipart(kType, make_body({{"form-data; name=p", std::string(10, 'x')}}), limits).error,
            MultipartError::none);
  auto r = parse_multipart(kType, make_body({{"form-data; name=p", std::string(11, 'x')}}), limits);
  EXPECT_EQ(r.error, MultipartError::field_too_large);
  // Default field limit: 64 KiB.
  EXPECT_EQ(parse_multipart(kType, make_body({{"form-data; name=p", std::string(64 * 1024 + 1, 'x')}})).error,
            MultipartError::field_too_large);
}

TEST(Multipart, LargeAdversarialBodyParsesInLinearTime) {
  // Data made of near-misses of a 70-character boundary: a naive or restarting search would be slow.
  std::string boundary(70, 'a');
  std::string near = "\r\n--" + std::string(69, 'a') + "b";
  std::string data;
  while (data.size() < 10 * 1024 * 1024 - near.size()) data += near;
  data.resize(data.size() + (10 * 1024 * 1024 - data.size()), 'a');
  std::string body = make_body({{"form-data; name=file; filename=x.pdf", data}}, boundary);
  auto r = parse_multipart("multipart/form-data; boundary=" + boundary, body);
  ASSERT_EQ(r.error, MultipartError::none) << r.detail;
  EXPECT_EQ(r.parts[0].data.size(), 10u * 1024 * 1024);
}

TEST(Multipart, RandomMutationsNeverCrashOrEscapeTheBody) {
  using namespace std::string_literals;
  const std::string pdf = "%PDF-1.4\r\n\0\0\x01" "binary\r\n--XyZ12\r\n"s;
  const std::string seed_body =
      "preamble\r\n" + make_body({{"form-data; name=\"file\"; filename=\"a\\\"b.pdf\"", pdf, "application/pdf"},
                                  {"form-data; name=purpose", "kyc"},
                                  {"form-data; name=\"name\"", "Quarterly report"}}) +
      "epilogue";
  std::mt19937 rng(20260115);
  MultipartLimits small;
  small.max_parts = 4;
  small.max_part_header_bytes = 96;
  small.max_file_bytes = 64;
  small.max_field_bytes = 32;
  const std::string interesting[] = {"\r\n", "--", "--XyZ123", "\r\n--XyZ123", "\"", "\\", ";", "=", "\r\n\r\n", ":"};
  int successes = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string body = seed_body;
    int edits = 1 + int(rng() % 6);
    for (int e = 0; e < edits; ++e) {
      size_t at = body.empty() ? 0 : rng() % (body.size() + 1);
      switch (rng() % 5) {
        case 0:  // flip a byte
          if (at < body.size()) body[at] = char(rng() & 0xff);
          break;
        case 1:  // delete a run
          if (at < body.size()) body.erase(at, 1 + rng() % 16);
          break;
        case 2:  // insert random bytes
          for (unsigned n = 1 + rng() % 8; n > 0; --n) body.insert(body.begin() + at, char(rng() & 0xff));
          break;
        case 3:  // insert a syntax-significant token
          body.insert(at, interesting[rng() % std::size(interesting)]);
          break;
        case 4:  // truncate
          body.resize(at);
          break;
      }
    }
    auto check = [&](const MultipartResult& r) {
      if (r.error != MultipartError::none) {
        EXPECT_TRUE(r.parts.empty());
        EXPECT_FALSE(r.detail.empty());
      }
      for (const auto& p : r.parts) EXPECT_TRUE(within(p.data, body)) << "iteration " << i;
      return r.error == MultipartError::none;
    };
    successes += check(parse_multipart(kType, body));
    check(parse_multipart(kType, body, small));
  }
  EXPECT_GT(successes, 0);  // the mutations are not all fatal: the success path is exercised too
}

}  // namespace
}  // namespace conduit::http
