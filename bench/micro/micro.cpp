// Micro benchmarks of the hot per-request pieces: API key hashing and the credential lookup,
// id generation, JSON serialisation of a customer-sized object, list cursors, problem bodies.
// Run by bench/run (which records the results in bench/results/latest.json).
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/crypto.h"
#include "common/ids.h"
#include "domain/api_keys.h"
#include "platform/api_error.h"
#include "platform/cursor.h"
#include "platform/problem.h"
#include "storage/store.h"

namespace {

using namespace conduit;
constexpr int64_t kNow = 1767225600000;  // 2026-01-01T00:00:00Z

// A key as clients send it: "ck_sandbox_" + 64 lowercase hex = 75 bytes.
std::string sample_key() { return "ck_sandbox_" + crypto::random_hex(32); }

void BM_KeySha256(benchmark::State& state) {
  const std::string key = sample_key();
  for (auto _ : state) benchmark::DoNotOptimize(crypto::sha256(key));
  state.SetLabel(std::to_string(key.size()) + "-byte key");
}
BENCHMARK(BM_KeySha256);

// The authentication filter's shape: well-formedness check, SHA-256, one snapshot read of
// credential_by_hash on the SQLite store, constant-time compare. range(0) = keys in the table.
struct KeyStore {
  std::filesystem::path dir;
  std::unique_ptr<storage::Store> store;
  std::string key;  // plaintext of one stored key
  explicit KeyStore(int64_t keys) {
    dir = std::filesystem::temp_directory_path() /
          ("conduit_micro_" + std::to_string(::getpid()) + "_" + std::to_string(keys));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store = storage::open_sqlite_store({dir.string()});
    storage::Organization org{ids::generate("org", kNow), "Bench", false, std::nullopt, kNow, kNow};
    auto st = store->write([&](storage::WriteTx& tx) {
      tx.insert_organization(org);
      for (int64_t i = 0; i < keys; ++i) {
        auto k = domain::mint_key(org.id, Environment::sandbox, storage::Access::read_write, std::nullopt, kNow);
        tx.insert_api_key(k.record, k.hash);
        if (i == keys / 2) key = k.plaintext;
      }
      return true;
    });
    if (!st.ok) throw std::runtime_error(st.error);
  }
  ~KeyStore() {
    store->close();
    std::filesystem::remove_all(dir);
  }
};

void BM_CredentialLookup(benchmark::State& state) {
  KeyStore ks(state.range(0));
  bool found = false;
  for (auto _ : state) {
    bool ok = domain::is_well_formed_key(ks.key, Environment::sandbox);
    auto hash = crypto::sha256(ks.key);
    std::optional<storage::Credential> cred;
    ks.store->read([&](storage::ReadTx& tx) { cred = tx.credential_by_hash(hash); });
    found = ok && cred && crypto::equal_constant_time(cred->hash, hash);
    benchmark::DoNotOptimize(found);
  }
  if (!found) state.SkipWithError("key not found");
  state.SetLabel(std::to_string(state.range(0)) + " keys");
}
BENCHMARK(BM_CredentialLookup)->Arg(10)->Arg(100000)->Unit(benchmark::kMicrosecond);

void BM_IdGenerate(benchmark::State& state) {
  int64_t now = kNow;
  for (auto _ : state) benchmark::DoNotOptimize(ids::generate("cus", now++));
}
BENCHMARK(BM_IdGenerate);

void BM_IdGenerateSameMillisecond(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(ids::generate("cus", kNow));
}
BENCHMARK(BM_IdGenerateSameMillisecond);

// A fully populated business customer, as GET /v2/customers/{id} returns it.
boost::json::object customer_object() {
  return boost::json::object{
      {"id", "cus_034FCeDANniGVBQX8P3qoV"}, {"applicationId", "app_034FCeDANniGVBQX8P3qoU"},
      {"customerType", "business"}, {"status", "active"}, {"legalName", "Acme Widgets LLC"}, {"tradeName", "Acme"},
      {"taxId", "12-3456789"}, {"registrationNumber", "5551234"}, {"dateOfIncorporation", "2019-04-01"},
      {"website", "https://acme.example.com"}, {"contactEmail", "ops@acme.example.com"},
      {"contactPhone", "+14155550123"}, {"registeredStreet1", "100 Market Street"}, {"registeredStreet2", nullptr},
      {"registeredCity", "San Francisco"}, {"registeredState", "CA"}, {"registeredZipCode", "94105"},
      {"registeredCountry", "USA"}, {"legalStructure", "llc"}, {"coreIndustry", "software"},
      {"features", boost::json::array{}}, {"clientReferenceId", "acme-001"},
      {"createdAt", "2026-01-15T09:30:00.000Z"}, {"updatedAt", "2026-01-15T09:30:00.000Z"}};
}

void BM_CustomerJsonSerialize(benchmark::State& state) {
  const auto obj = customer_object();
  size_t bytes = 0;
  for (auto _ : state) {
    auto s = boost::json::serialize(obj);
    bytes = s.size();
    benchmark::DoNotOptimize(s);
  }
  state.SetLabel(std::to_string(bytes) + " bytes");
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(bytes));
}
BENCHMARK(BM_CustomerJsonSerialize);

void BM_CustomerJsonBuildAndSerialize(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(boost::json::serialize(customer_object()));
}
BENCHMARK(BM_CustomerJsonBuildAndSerialize);

const std::string kSecret(32, '\x5a');
const std::string kBinding = "org_034FCeDANniGVBQX8P3qoA|sandbox|customers|sortBy=createdAt|sortOrder=desc";

void BM_EncodeCursor(benchmark::State& state) {
  platform::CursorPosition pos{"cus_034FCeDANniGVBQX8P3qoV", false};
  for (auto _ : state) benchmark::DoNotOptimize(platform::encode_cursor(pos, kBinding, kSecret));
}
BENCHMARK(BM_EncodeCursor);

void BM_DecodeCursor(benchmark::State& state) {
  auto cursor = platform::encode_cursor({"cus_034FCeDANniGVBQX8P3qoV", false}, kBinding, kSecret);
  bool ok = false;
  for (auto _ : state) {
    auto pos = platform::decode_cursor(cursor, kBinding, kSecret);
    ok = pos.has_value();
    benchmark::DoNotOptimize(pos);
  }
  if (!ok) state.SkipWithError("cursor did not decode");
}
BENCHMARK(BM_DecodeCursor);

void BM_RenderProblemSimple(benchmark::State& state) {
  platform::ApiError e{"API_KEY_INVALID", "The API key is not valid for this environment.", {}, {}, {}, {}};
  for (auto _ : state)
    benchmark::DoNotOptimize(platform::render_problem(e, "/v2/customers/cus_034FCeDANniGVBQX8P3qoV",
                                                      "497f6eca-6276-4993-bfeb-53cbbbba6f08", kNow));
}
BENCHMARK(BM_RenderProblemSimple);

void BM_RenderProblemFieldErrors(benchmark::State& state) {
  auto e = platform::validation_error(
      "The request has 3 invalid fields.",
      {{"/businessInfo/taxId", "Must match ^\\d{2}-?\\d{7}$.", std::string("format"), std::nullopt},
       {"/businessInfo/legalStructure", "Must be one of the allowed values.", std::string("enum"),
        std::vector<std::string>{"llc", "corporation", "partnership", "sole_proprietorship"}},
       {"/query/limit", "Must be between 1 and 100.", std::string("range"), std::nullopt}});
  for (auto _ : state)
    benchmark::DoNotOptimize(
        platform::render_problem(e, "/v2/onboarding", "497f6eca-6276-4993-bfeb-53cbbbba6f08", kNow));
}
BENCHMARK(BM_RenderProblemFieldErrors);

}  // namespace

BENCHMARK_MAIN();
