// SQLite queries for dashboard users, sessions and invitations.
#include "storage/sqlite_keyset.h"
#include "storage/sqlite_tx.h"

namespace conduit::storage {
namespace {
crypto::Digest digest_of(const std::string& blob) {
  crypto::Digest d{};
  if (blob.size() == d.size()) std::copy(blob.begin(), blob.end(), d.begin());
  return d;
}
User read_user(Statement& s) { return User{s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4)}; }
}  // namespace

std::optional<User> SqliteTx::user_by_email(const std::string& email) {
  auto& s = c_.prepare("SELECT id, email, password_hash, organization_id, created_at FROM users WHERE email = ?1");
  s.bind(1, email);
  std::optional<User> out;
  if (s.step()) out = read_user(s);
  s.reset();
  return out;
}

std::optional<User> SqliteTx::user(const std::string& id) {
  auto& s = c_.prepare("SELECT id, email, password_hash, organization_id, created_at FROM users WHERE id = ?1");
  s.bind(1, id);
  std::optional<User> out;
  if (s.step()) out = read_user(s);
  s.reset();
  return out;
}

std::optional<DashboardSession> SqliteTx::dashboard_session(const crypto::Digest& token_hash, int64_t now_ms) {
  auto& s = c_.prepare(
      "SELECT token_hash, user_id, csrf_token, environment, created_at, expires_at FROM sessions"
      " WHERE token_hash = ?1 AND expires_at > ?2");
  s.bind_blob(1, token_hash.data(), token_hash.size()).bind(2, now_ms);
  std::optional<DashboardSession> out;
  if (s.step())
    out = DashboardSession{digest_of(s.blob(0)), s.text(1), s.text(2), env_of(s.text(3)), s.integer(4), s.integer(5)};
  s.reset();
  return out;
}

std::optional<Invitation> SqliteTx::invitation(const crypto::Digest& token_hash) {
  auto& s = c_.prepare(
      "SELECT token_hash, organization_id, email, created_at, expires_at, used_at FROM invitations WHERE token_hash = ?1");
  s.bind_blob(1, token_hash.data(), token_hash.size());
  std::optional<Invitation> out;
  if (s.step())
    out = Invitation{digest_of(s.blob(0)), s.text(1), s.text(2), s.integer(3), s.integer(4), s.optional_integer(5)};
  s.reset();
  return out;
}

void SqliteTx::insert_user(const User& u) {
  auto& s = c_.prepare(
      "INSERT INTO users (id, email, password_hash, organization_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  s.bind(1, u.id).bind(2, u.email).bind(3, u.password_hash).bind(4, u.organization_id).bind(5, u.created_at);
  s.run();
}

void SqliteTx::insert_dashboard_session(const DashboardSession& x) {
  auto& s = c_.prepare(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, environment, created_at, expires_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.bind_blob(1, x.token_hash.data(), x.token_hash.size()).bind(2, x.user_id).bind(3, x.csrf_token);
  s.bind(4, env_text(x.environment)).bind(5, x.created_at).bind(6, x.expires_at);
  s.run();
}

void SqliteTx::update_dashboard_session(const DashboardSession& x) {
  auto& s = c_.prepare("UPDATE sessions SET environment = ?2, expires_at = ?3 WHERE token_hash = ?1");
  s.bind_blob(1, x.token_hash.data(), x.token_hash.size()).bind(2, env_text(x.environment)).bind(3, x.expires_at);
  s.run();
}

void SqliteTx::delete_dashboard_session(const crypto::Digest& token_hash) {
  auto& s = c_.prepare("DELETE FROM sessions WHERE token_hash = ?1");
  s.bind_blob(1, token_hash.data(), token_hash.size());
  s.run();
}

void SqliteTx::insert_invitation(const Invitation& i) {
  auto& s = c_.prepare(
      "INSERT INTO invitations (token_hash, organization_id, email, created_at, expires_at, used_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, NULL)");
  s.bind_blob(1, i.token_hash.data(), i.token_hash.size()).bind(2, i.organization_id).bind(3, i.email);
  s.bind(4, i.created_at).bind(5, i.expires_at);
  s.run();
}

void SqliteTx::use_invitation(const crypto::Digest& token_hash, int64_t now_ms) {
  auto& s = c_.prepare("UPDATE invitations SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL");
  s.bind_blob(1, token_hash.data(), token_hash.size()).bind(2, now_ms);
  s.run();
}

}  // namespace conduit::storage
