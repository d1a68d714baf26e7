#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "common/ids.h"
#include "storage/store.h"
#include "support/server_process.h"

namespace conduit::storage {

class SqliteStoreTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::unique_ptr<Store> store = open_sqlite_store({dir.path()});
  Scope scope{"org_a", Environment::sandbox};

  WebhookEndpoint endpoint(int64_t t, const Scope& s) {
    WebhookEndpoint e;
    e.id = ids::generate("wep", t);
    e.scope = s;
    e.url = "https://example.com/" + std::to_string(t);
    e.secret_sealed = "sealed";
    e.created_at = e.updated_at = t;
    return e;
  }
};

TEST_F(SqliteStoreTest, JobReturningFalseRollsBackOnlyItself) {
  auto keep = endpoint(1, scope), drop = endpoint(2, scope);
  std::thread other([&] {
    store->write([&](WriteTx& tx) {
      tx.insert_webhook_endpoint(drop);
      return false;
    });
  });
  auto st = store->write([&](WriteTx& tx) {
    tx.insert_webhook_endpoint(keep);
    return true;
  });
  other.join();
  EXPECT_TRUE(st.ok);
  store->read([&](ReadTx& tx) {
    EXPECT_TRUE(tx.webhook_endpoint(scope, keep.id));
    EXPECT_FALSE(tx.webhook_endpoint(scope, drop.id));
  });
}

TEST_F(SqliteStoreTest, ThrowingJobFailsAloneAndIsRolledBack) {
  auto e = endpoint(1, scope);
  auto st = store->write([&](WriteTx& tx) -> bool {
    tx.insert_webhook_endpoint(e);
    tx.insert_webhook_endpoint(e);  // primary key violation
    return true;
  });
  EXPECT_FALSE(st.ok);
  store->read([&](ReadTx& tx) { EXPECT_FALSE(tx.webhook_endpoint(scope, e.id)); });
  EXPECT_TRUE(store->write([&](WriteTx& tx) {
                     tx.insert_webhook_endpoint(e);
                     return true;
                   }).ok);
}

TEST_F(SqliteStoreTest, NestedSavepointUndoesHandlerWritesOnly) {
  auto a = endpoint(1, scope), b = endpoint(2, scope);
  store->write([&](WriteTx& tx) {
    tx.insert_webhook_endpoint(a);
    tx.savepoint();
    tx.insert_webhook_endpoint(b);
    tx.rollback_to_savepoint();
    tx.release_savepoint();
    return true;
  });
  store->read([&](ReadTx& tx) {
    EXPECT_TRUE(tx.webhook_endpoint(scope, a.id));
    EXPECT_FALSE(tx.webhook_endpoint(scope, b.id));
  });
}

TEST_F(SqliteStoreTest, ConcurrentWritersAllCommit) {
  constexpr int kThreads = 8, kEach = 50;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto e = endpoint(1000 + t * kEach + i, scope);
        if (store->write([&](WriteTx& tx) {
                      tx.insert_webhook_endpoint(e);
                      return true;
                    }).ok)
          ++ok;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, kThreads * kEach);
  store->read([&](ReadTx& tx) { EXPECT_EQ(tx.webhook_endpoints(scope, {}).total, kThreads * kEach); });
}

TEST_F(SqliteStoreTest, ReadsAreScopedToOrganizationAndEnvironment) {
  auto mine = endpoint(1, scope);
  Scope other_org{"org_b", Environment::sandbox}, other_env{"org_a", Environment::production};
  store->write([&](WriteTx& tx) {
    tx.insert_webhook_endpoint(mine);
    tx.insert_webhook_endpoint(endpoint(2, other_org));
    tx.insert_webhook_endpoint(endpoint(3, other_env));
    return true;
  });
  store->read([&](ReadTx& tx) {
    EXPECT_FALSE(tx.webhook_endpoint(other_org, mine.id));
    EXPECT_FALSE(tx.webhook_endpoint(other_env, mine.id));
    auto page = tx.webhook_endpoints(scope, {});
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.total, 1);
  });
  EXPECT_FALSE(store->write([&](WriteTx& tx) { return tx.delete_webhook_endpoint(other_org, mine.id); }).error.size());
  store->read([&](ReadTx& tx) { EXPECT_TRUE(tx.webhook_endpoint(scope, mine.id)); });
}

TEST_F(SqliteStoreTest, KeysetPagesForwardBackwardAndAscending) {
  std::vector<std::string> ids;
  store->write([&](WriteTx& tx) {
    for (int i = 0; i < 25; ++i) {
      auto e = endpoint(1000 + i, scope);
      ids.push_back(e.id);
      tx.insert_webhook_endpoint(e);
    }
    return true;
  });
  store->read([&](ReadTx& tx) {
    auto p1 = tx.webhook_endpoints(scope, {std::nullopt, false, false, 10});
    ASSERT_EQ(p1.items.size(), 10u);
    EXPECT_EQ(p1.items[0].id, ids[24]);  // newest first
    EXPECT_TRUE(p1.more_after);
    EXPECT_FALSE(p1.more_before);
    EXPECT_EQ(p1.total, 25);
    auto p2 = tx.webhook_endpoints(scope, {p1.items.back().id, false, false, 10});
    EXPECT_EQ(p2.items[0].id, ids[14]);
    auto p3 = tx.webhook_endpoints(scope, {p2.items.back().id, false, false, 10});
    EXPECT_EQ(p3.items.size(), 5u);
    EXPECT_FALSE(p3.more_after);
    EXPECT_TRUE(p3.more_before);
    auto back = tx.webhook_endpoints(scope, {p3.items.front().id, true, false, 10});
    ASSERT_EQ(back.items.size(), 10u);
    EXPECT_EQ(back.items[0].id, p2.items[0].id);
    EXPECT_EQ(back.items[9].id, p2.items[9].id);
    auto first_back = tx.webhook_endpoints(scope, {p2.items.front().id, true, false, 10});
    EXPECT_FALSE(first_back.more_before);
    EXPECT_EQ(first_back.items[0].id, ids[24]);
    auto asc = tx.webhook_endpoints(scope, {std::nullopt, false, true, 3});
    EXPECT_EQ(asc.items[0].id, ids[0]);
  });
}

TEST_F(SqliteStoreTest, IdempotencyRecordsExpireAndArePurgedInBatches) {
  IdempotencyRecord r{"fp", 201, "application/json", "{}", 1000, 2000};
  EXPECT_TRUE(store->write([&](WriteTx& tx) { return tx.insert_idempotency(scope, "k1", r); }).ok);
  bool second = true;
  store->write([&](WriteTx& tx) {
    second = tx.insert_idempotency(scope, "k1", r);
    return true;
  });
  EXPECT_FALSE(second);  // already claimed
  store->read([&](ReadTx& tx) {
    EXPECT_TRUE(tx.idempotency(scope, "k1", 1999));
    EXPECT_FALSE(tx.idempotency(scope, "k1", 2000));  // expired: forgotten
    EXPECT_FALSE(tx.idempotency({"org_b", Environment::sandbox}, "k1", 1500));
  });
  // After expiry the key can be used afresh.
  IdempotencyRecord later{"fp2", 200, "application/json", "{}", 2500, 3500};
  store->write([&](WriteTx& tx) {
    second = tx.insert_idempotency(scope, "k1", later);
    return true;
  });
  EXPECT_TRUE(second);
  store->write([&](WriteTx& tx) {
    for (int i = 0; i < 30; ++i) tx.insert_idempotency(scope, "p" + std::to_string(i), r);
    return true;
  });
  int64_t purged = 0;
  store->write([&](WriteTx& tx) {
    purged = tx.purge_idempotency(2000, 10);
    return true;
  });
  EXPECT_EQ(purged, 10);
  store->write([&](WriteTx& tx) {
    purged = tx.purge_idempotency(2000, 1000);
    return true;
  });
  EXPECT_EQ(purged, 20);
  store->read([&](ReadTx& tx) { EXPECT_TRUE(tx.idempotency(scope, "k1", 3000)); });
}

TEST_F(SqliteStoreTest, ServerSecretIsStable) {
  std::string a, b;
  store->write([&](WriteTx& tx) {
    a = tx.server_secret("cursor");
    return true;
  });
  store->write([&](WriteTx& tx) {
    b = tx.server_secret("cursor");
    return true;
  });
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a, b);
}

TEST_F(SqliteStoreTest, MigrationsAreIdempotentAcrossReopen) {
  store->close();
  auto again = open_sqlite_store({dir.path()});
  EXPECT_TRUE(again->read([](ReadTx& tx) { EXPECT_TRUE(tx.ping()); }).ok);
}

}  // namespace conduit::storage
