#include "domain/documents.h"

#include <gtest/gtest.h>

#include <string>

namespace conduit::domain::documents {
namespace {

using namespace std::string_literals;

const std::string kPng = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s;
const std::string kJpeg = "\xff\xd8\xff\xe0\0\x10JFIF\0"s;
const std::string kPdf = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"s;

TEST(Documents, SniffsPdfPngJpegByMagicBytes) {
  EXPECT_EQ(sniff_file_type(kPdf), FileType::pdf);
  EXPECT_EQ(sniff_file_type("%PDF-"), FileType::pdf);
  EXPECT_EQ(sniff_file_type(kPng), FileType::png);
  EXPECT_EQ(sniff_file_type(kPng.substr(0, 8)), FileType::png);
  EXPECT_EQ(sniff_file_type(kJpeg), FileType::jpeg);
  EXPECT_EQ(sniff_file_type("\xff\xd8\xff"), FileType::jpeg);
}

TEST(Documents, SniffingRefusesEverythingElse) {
  EXPECT_EQ(sniff_file_type(""), std::nullopt);
  EXPECT_EQ(sniff_file_type("GIF89a\x01\0\x01\0"s), std::nullopt);
  EXPECT_EQ(sniff_file_type("%PDF"), std::nullopt);                // truncated signature
  EXPECT_EQ(sniff_file_type("%pdf-1.7"), std::nullopt);            // case matters
  EXPECT_EQ(sniff_file_type(" %PDF-1.7"), std::nullopt);           // not at offset 0
  EXPECT_EQ(sniff_file_type(kPng.substr(0, 7)), std::nullopt);     // 7 of 8 signature bytes
  EXPECT_EQ(sniff_file_type("\x89PNG\n\r\x1a\n"), std::nullopt);   // line ends swapped
  EXPECT_EQ(sniff_file_type("\xff\xd8"), std::nullopt);
  EXPECT_EQ(sniff_file_type("\xff\xd9\xff"), std::nullopt);
  EXPECT_EQ(sniff_file_type("<html><script>alert(1)</script>"), std::nullopt);
  EXPECT_EQ(sniff_file_type("PK\x03\x04"), std::nullopt);          // zip / docx
  EXPECT_EQ(sniff_file_type("\0\0\0\0"s), std::nullopt);
}

TEST(Documents, TheNameDoesNotDecideTheType) {
  // A file called report.pdf holding PNG bytes is a PNG; a .png holding text is nothing.
  std::string name = "report.pdf";
  EXPECT_EQ(sniff_file_type(kPng), FileType::png);
  EXPECT_EQ(mime_type(*sniff_file_type(kPng)), "image/png");
  EXPECT_EQ(sniff_file_type(name), std::nullopt);
}

TEST(Documents, MimeTypes) {
  EXPECT_EQ(mime_type(FileType::pdf), "application/pdf");
  EXPECT_EQ(mime_type(FileType::png), "image/png");
  EXPECT_EQ(mime_type(FileType::jpeg), "image/jpeg");
}

TEST(Documents, SafeFileNameKeepsTheLastComponentAndSafeCharacters) {
  EXPECT_EQ(safe_file_name("report.pdf"), "report.pdf");
  EXPECT_EQ(safe_file_name("Quarterly report_2025-Q4.v2.PDF"), "Quarterly report_2025-Q4.v2.PDF");
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_file_name("C:\\Users\\x\\report.pdf"), "report.pdf");
  EXPECT_EQ(safe_file_name("a/b\\c/d.png"), "d.png");
  EXPECT_EQ(safe_file_name("..\\..\\windows\\win.ini"), "win.ini");
  EXPECT_EQ(safe_file_name("r\xc3\xa9sum\xc3\xa9.pdf"), "rsum.pdf");
  EXPECT_EQ(safe_file_name("<script>.pdf"), "script.pdf");
  EXPECT_EQ(safe_file_name("a\0b\r\n\t\"';:|*?.pdf"s), "ab.pdf");
  EXPECT_EQ(safe_file_name("%2e%2e%2fx.pdf"), "2e2e2fx.pdf");  // no percent-decoding
  EXPECT_EQ(safe_file_name(".hidden"), ".hidden");
}

TEST(Documents, SafeFileNameRefusesWhatLeavesNothing) {
  EXPECT_EQ(safe_file_name(""), std::nullopt);
  EXPECT_EQ(safe_file_name("..."), std::nullopt);
  EXPECT_EQ(safe_file_name(". . "), std::nullopt);
  EXPECT_EQ(safe_file_name("   "), std::nullopt);
  EXPECT_EQ(safe_file_name("dir/"), std::nullopt);
  EXPECT_EQ(safe_file_name("a/.."), std::nullopt);
  EXPECT_EQ(safe_file_name("C:\\x\\"), std::nullopt);
  EXPECT_EQ(safe_file_name("\xe6\x96\x87\xe4\xbb\xb6"), std::nullopt);  // only non-ASCII
  EXPECT_EQ(safe_file_name("<>|*?"), std::nullopt);
}

TEST(Documents, SafeFileNameIsAtMost255Characters) {
  std::string long_name(300, 'a');
  auto r = safe_file_name(long_name);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, std::string(255, 'a'));
  EXPECT_EQ(safe_file_name(std::string(255, 'b')), std::string(255, 'b'));
  // The limit counts kept characters, after dropping the unsafe ones.
  std::string mixed;
  for (int i = 0; i < 300; ++i) mixed += "\xc3\xa9z";
  EXPECT_EQ(safe_file_name(mixed), std::string(255, 'z'));
  // 255 dots then letters: what is kept is only dots.
  EXPECT_EQ(safe_file_name(std::string(255, '.') + "abc"), std::nullopt);
}

TEST(Documents, PurposesAreNormalizedToLowerCase) {
  EXPECT_EQ(purposes(), (std::vector<std::string>{"organization_onboarding", "kyc", "feature_request",
                                                   "transaction_support", "rfi_response"}));
  for (const auto& p : purposes()) EXPECT_EQ(normalize_purpose(p), p);
  EXPECT_EQ(normalize_purpose("KYC"), "kyc");
  EXPECT_EQ(normalize_purpose("Organization_Onboarding"), "organization_onboarding");
  EXPECT_EQ(normalize_purpose("RFI_RESPONSE"), "rfi_response");
}

TEST(Documents, UnknownPurposesAreRefused) {
  for (const std::string& p : std::vector<std::string>{"", "kyc ", " kyc", "kyb", "organization-onboarding", "transaction", "kyc\0"s,
                        "rfi_responses", "\xc4\xb1kyc"})
    EXPECT_EQ(normalize_purpose(p), std::nullopt) << p;
}

}  // namespace
}  // namespace conduit::domain::documents
