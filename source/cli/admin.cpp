// Operator commands on organizations and keys. They write through the same store as the
// server, so a running server sees their effects (revocation within one request).
#include <boost/json/array.hpp>

#include "api/applications.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "common/clock.h"
#include "domain/api_keys.h"
#include "domain/organizations.h"
#include "domain/webhook_signature.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace conduit::cli {
namespace {
int64_t now_ms() { return SystemClock().now_ms(); }
}  // namespace

int migrate(const StoreFlags& flags) {
  auto store = open_store(flags);  // opening applies pending migrations
  if (!store) return 1;
  print_json(boost::json::object{{"migrated", true}});
  return 0;
}

int org_create(const StoreFlags& flags, const std::string& name, bool activate) {
  if (auto problem = domain::check_organization_name(name)) return fail(*problem);
  auto store = open_store(flags);
  if (!store) return 1;
  auto org = domain::new_organization(name, activate, now_ms());
  auto st = store->write([&](storage::WriteTx& tx) {
    tx.insert_organization(org);
    return true;
  });
  if (!st.ok) return fail(st.error);
  print_json(organization_json(org));
  return 0;
}

int org_activate(const StoreFlags& flags, const std::string& org_id) {
  auto store = open_store(flags);
  if (!store) return 1;
  std::optional<storage::Organization> org;
  auto st = store->write([&](storage::WriteTx& tx) {
    org = tx.organization(org_id);
    if (!org) return false;
    if (!org->production_active) {
      org->production_active = true;
      org->updated_at = now_ms();
      tx.update_organization(*org);
    }
    return true;
  });
  if (!st.ok) return fail(st.error);
  if (!org) return fail("no organization " + org_id);
  print_json(organization_json(*org));
  return 0;
}

int org_list(const StoreFlags& flags) {
  auto store = open_store(flags);
  if (!store) return 1;
  boost::json::array out;
  auto st = store->read([&](storage::ReadTx& tx) {
    for (const auto& o : tx.organizations()) out.push_back(organization_json(o));
  });
  if (!st.ok) return fail(st.error);
  print_json(out);
  return 0;
}

int org_update(const StoreFlags& flags, const std::string& org_id, std::optional<int64_t> rate_limit,
               std::optional<std::string> name) {
  if (rate_limit && (*rate_limit < 1 || *rate_limit > 1'000'000)) return fail("--rate-limit must be 1 to 1000000");
  if (name)
    if (auto problem = domain::check_organization_name(*name)) return fail(*problem);
  auto store = open_store(flags);
  if (!store) return 1;
  std::optional<storage::Organization> org;
  auto st = store->write([&](storage::WriteTx& tx) {
    org = tx.organization(org_id);
    if (!org) return false;
    if (rate_limit) org->rate_limit = *rate_limit;
    if (name) org->name = *name;
    org->updated_at = now_ms();
    tx.update_organization(*org);
    return true;
  });
  if (!st.ok) return fail(st.error);
  if (!org) return fail("no organization " + org_id);
  print_json(organization_json(*org));
  return 0;
}

int keys_create(const StoreFlags& flags, const std::string& org_id, const std::string& env_text,
                const std::string& access_text, std::optional<std::string> label) {
  auto env = parse_environment(env_text);
  if (!env) return fail("--env must be sandbox or production");
  if (access_text != "read_only" && access_text != "read_write") return fail("--access must be read_only or read_write");
  if (label && label->size() > 200) return fail("--label must be at most 200 characters");
  auto access = access_text == "read_write" ? storage::Access::read_write : storage::Access::read_only;
  auto store = open_store(flags);
  if (!store) return 1;
  auto minted = domain::mint_key(org_id, *env, access, label, now_ms());
  std::string refusal;
  auto st = store->write([&](storage::WriteTx& tx) {
    auto org = tx.organization(org_id);
    if (!org) refusal = "no organization " + org_id;
    else if (*env == Environment::production && !org->production_active)
      refusal = "organization " + org_id + " is not activated for production (conduit org activate)";
    if (!refusal.empty()) return false;
    tx.insert_api_key(minted.record, minted.hash);
    return true;
  });
  if (!st.ok) return fail(st.error);
  if (!refusal.empty()) return fail(refusal);
  boost::json::object out;
  out["id"] = minted.record.id;
  out["key"] = minted.plaintext;  // the only time it is ever shown
  out["organizationId"] = org_id;
  out["environment"] = to_string(*env);
  out["access"] = access_text;
  out["label"] = label ? boost::json::value(*label) : nullptr;
  out["createdAt"] = key_json(minted.record)["createdAt"];
  print_json(out);
  return 0;
}

int keys_list(const StoreFlags& flags, const std::string& org_id, std::optional<std::string> env_text) {
  std::optional<Environment> env;
  if (env_text) {
    env = parse_environment(*env_text);
    if (!env) return fail("--env must be sandbox or production");
  }
  auto store = open_store(flags);
  if (!store) return 1;
  boost::json::array out;
  bool org_exists = false;
  auto st = store->read([&](storage::ReadTx& tx) {
    org_exists = tx.organization(org_id).has_value();
    for (const auto& k : tx.api_keys(org_id, env)) out.push_back(key_json(k));
  });
  if (!st.ok) return fail(st.error);
  if (!org_exists) return fail("no organization " + org_id);
  print_json(out);
  return 0;
}

int applications_decide(const StoreFlags& flags, const std::string& app_id, const std::string& outcome,
                         std::optional<std::string> reason) {
  if (outcome != "approved" && outcome != "rejected") return fail("--outcome must be approved or rejected");
  if (reason && (reason->empty() || reason->size() > 1000)) return fail("--reason must be 1 to 1000 characters");
  auto store = open_store(flags);
  if (!store) return 1;
  domain::Decision decision;
  decision.approve = outcome == "approved";
  if (!decision.approve) decision.reason = reason;
  std::optional<storage::Application> decided;
  std::string refusal;
  auto st = store->write([&](storage::WriteTx& tx) {
    auto app = tx.application_by_id(app_id);
    if (!app) {
      refusal = "no application " + app_id;
      return false;
    }
    auto result = domain::decide(*app, decision, now_ms());
    if (result.error) {
      refusal = "application " + app_id + " is " + app->status + " (" + *result.error + ")";
      return false;
    }
    api::commit_decision(tx, result.effects);
    decided = result.effects.application;
    return true;
  });
  if (!st.ok) return fail(st.error);
  if (!refusal.empty()) return fail(refusal);
  print_json(api::application_json(*decided));
  return 0;
}

int webhooks_verify(const std::string& secret, const std::string& header, const std::string& body_file) {
  std::ifstream f(body_file, std::ios::binary);
  if (!f) return fail("cannot read " + body_file);
  std::ostringstream body;
  body << f.rdbuf();
  bool ok = domain::verify_signature(header, secret, body.str(), now_ms() / 1000);
  std::cerr << (ok ? "valid signature" : "invalid or stale signature") << std::endl;
  return ok ? 0 : 1;
}

int keys_revoke(const StoreFlags& flags, const std::string& key_id) {
  auto store = open_store(flags);
  if (!store) return 1;
  std::optional<storage::ApiKey> key;
  auto st = store->write([&](storage::WriteTx& tx) {
    tx.revoke_api_key(key_id, now_ms());  // a revoked key stays revoked at its first revocation time
    key = tx.api_key(key_id);
    return key.has_value();
  });
  if (!st.ok) return fail(st.error);
  if (!key) return fail("no key " + key_id);
  print_json(key_json(*key));
  return 0;
}

}  // namespace conduit::cli
