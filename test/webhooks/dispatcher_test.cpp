// The dispatcher with an injected clock, a fixed seed and a scripted sender: no network,
// no sleeping.
#include "webhooks/dispatcher.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <mutex>
#include <set>

#include "common/ids.h"
#include "domain/webhook_signature.h"
#include "support/server_process.h"

namespace conduit::webhooks {
namespace {

class DispatcherTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::unique_ptr<storage::Store> store = storage::open_sqlite_store({dir.path()});
  ManualClock clock;
  SecretBox box{std::string(32, 's')};
  storage::Scope scope{"org_a", Environment::sandbox};
  std::mutex mutex;
  std::vector<std::vector<std::pair<std::string, std::string>>> sent_headers;
  std::vector<std::string> sent_urls;
  std::function<int(size_t)> status_for = [](size_t) { return 200; };

  Sender sender() {
    return [this](const std::string& url, const auto& headers, const std::string&, bool) {
      std::lock_guard lock(mutex);
      size_t n = sent_urls.size();
      sent_urls.push_back(url);
      sent_headers.push_back(headers);
      PostResult r;
      int status = status_for(n);
      if (status) r.status = status;
      else r.error = "timed out waiting for the response";
      r.body = "ok";
      return r;
    };
  }
  DispatcherOptions options(int max_attempts = 5) {
    DispatcherOptions o;
    o.max_attempts = max_attempts;
    o.retry_base_ms = 1000;
    o.seed = 42;
    return o;
  }
  std::string endpoint(const std::string& url, const std::string& secret, bool all = true,
                       std::vector<std::string> types = {}, bool active = true) {
    storage::WebhookEndpoint e;
    e.id = ids::generate("wep", clock.now_ms());
    e.scope = scope;
    e.url = url;
    e.active = active;
    e.all_events = all;
    e.event_types = std::move(types);
    e.secret_sealed = box.seal(secret);
    e.created_at = e.updated_at = clock.now_ms();
    store->write([&](storage::WriteTx& tx) {
      tx.insert_webhook_endpoint(e);
      return true;
    });
    return e.id;
  }
  void event(const std::string& type, int n = 1) {
    store->write([&](storage::WriteTx& tx) {
      for (int i = 0; i < n; ++i)
        tx.insert_event({ids::generate("evt", clock.now_ms()), scope, type, R"({"customerId":"cus_x"})", clock.now_ms()});
      return true;
    });
  }
  std::vector<storage::WebhookDelivery> deliveries() {
    std::vector<storage::WebhookDelivery> out;
    store->read([&](storage::ReadTx& tx) { out = tx.webhook_deliveries(scope, {}, {std::nullopt, false, true, 100}).items; });
    return out;
  }
  static std::string header(const std::vector<std::pair<std::string, std::string>>& h, const std::string& name) {
    for (const auto& [k, v] : h)
      if (k == name) return v;
    return "";
  }
};

TEST_F(DispatcherTest, RetryDelaysGrowFourfoldWithTwentyPercentJitter) {
  std::mt19937_64 rng(7);
  for (int next = 2; next <= 5; ++next) {
    double expected = 1000.0 * std::pow(4.0, next - 2);
    for (int i = 0; i < 200; ++i) {
      int64_t d = retry_delay_ms(1000, next, rng);
      EXPECT_GE(d, int64_t(expected * 0.8));
      EXPECT_LE(d, int64_t(expected * 1.2) + 1);
    }
  }
}

TEST_F(DispatcherTest, SignedDeliveryWithTheContractHeaders) {
  std::string secret = domain::new_webhook_secret();
  endpoint("http://receiver/a", secret);
  event("customer.created");
  Dispatcher d(*store, clock, box, options(), nullptr, sender());
  EXPECT_EQ(d.fan_out(), 1);
  EXPECT_EQ(d.deliver_due(), 1);
  d.wait_idle();
  ASSERT_EQ(sent_headers.size(), 1u);
  auto list = deliveries();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].status, "succeeded");
  EXPECT_EQ(header(sent_headers[0], "X-Conduit-Event"), "customer.created");
  EXPECT_EQ(header(sent_headers[0], "X-Conduit-Delivery-Id"), list[0].id);
  EXPECT_EQ(header(sent_headers[0], "Content-Type"), "application/json");
  EXPECT_TRUE(domain::verify_signature(header(sent_headers[0], "X-Conduit-Signature"), secret, list[0].payload,
                                       clock.now_ms() / 1000));
  auto env = boost::json::parse(list[0].payload).as_object();
  EXPECT_EQ(env["type"], "customer.created");
  EXPECT_EQ(env["mode"], "sandbox");
  EXPECT_EQ(env["apiVersion"], "2");
  EXPECT_TRUE(std::string(env["id"].as_string()).starts_with("evt_"));
}

TEST_F(DispatcherTest, FailingThreeTimesThenSucceedingTakesFourAttemptsOnSchedule) {
  status_for = [](size_t n) { return n < 3 ? 500 : 204; };
  endpoint("http://receiver/a", domain::new_webhook_secret());
  event("customer.created");
  Dispatcher d(*store, clock, box, options(), nullptr, sender());
  d.fan_out();
  int64_t base = 1000;
  for (int attempt = 1; attempt <= 4; ++attempt) {
    EXPECT_EQ(d.deliver_due(), 1) << attempt;
    d.wait_idle();
    EXPECT_EQ(d.deliver_due(), 0);  // nothing due until the backoff has passed
    if (attempt < 4) {
      auto next = deliveries()[0].next_attempt_at;
      int64_t wait = next - clock.now_ms();
      EXPECT_GE(wait, int64_t(0.8 * base)) << attempt;
      EXPECT_LE(wait, int64_t(1.2 * base) + 1) << attempt;
      clock.advance_ms(wait);
      base *= 4;
    }
  }
  auto del = deliveries()[0];
  EXPECT_EQ(del.status, "succeeded");
  EXPECT_EQ(del.attempts, 4);
  std::vector<storage::WebhookAttempt> attempts;
  store->read([&](storage::ReadTx& tx) { attempts = tx.webhook_attempts(scope, del.id); });
  ASSERT_EQ(attempts.size(), 4u);
  EXPECT_EQ(attempts[0].status_code, 500);
  EXPECT_EQ(attempts[3].status_code, 204);
  EXPECT_EQ(attempts[3].response_body, "ok");
  // The delivery id is the same on every attempt.
  std::set<std::string> ids;
  for (auto& h : sent_headers) ids.insert(header(h, "X-Conduit-Delivery-Id"));
  EXPECT_EQ(ids.size(), 1u);
}

TEST_F(DispatcherTest, AlwaysFailingEndsFailedAfterMaxAttempts) {
  status_for = [](size_t) { return 0; };  // never answers
  endpoint("http://receiver/a", domain::new_webhook_secret());
  event("customer.created");
  Dispatcher d(*store, clock, box, options(5), nullptr, sender());
  d.fan_out();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(d.deliver_due(), 1);
    d.wait_idle();
    clock.advance_ms(1000LL * 4 * 4 * 4 * 2);
  }
  EXPECT_EQ(d.deliver_due(), 0);
  auto del = deliveries()[0];
  EXPECT_EQ(del.status, "failed");
  EXPECT_EQ(del.attempts, 5);
  EXPECT_TRUE(del.completed_at);
}

TEST_F(DispatcherTest, SubscriptionsActiveFlagAndScopeDecideTheFanOut) {
  endpoint("http://receiver/all", domain::new_webhook_secret());
  endpoint("http://receiver/selected", domain::new_webhook_secret(), false, {"application.approved"});
  endpoint("http://receiver/inactive", domain::new_webhook_secret(), true, {}, false);
  storage::Scope other{"org_b", Environment::sandbox};
  store->write([&](storage::WriteTx& tx) {
    storage::WebhookEndpoint e;
    e.id = ids::generate("wep", clock.now_ms());
    e.scope = other;
    e.url = "http://receiver/other-org";
    e.secret_sealed = box.seal("whsec_x");
    tx.insert_webhook_endpoint(e);
    return true;
  });
  event("customer.created");
  event("application.approved");
  Dispatcher d(*store, clock, box, options(), nullptr, sender());
  EXPECT_EQ(d.fan_out(), 2);
  EXPECT_EQ(d.fan_out(), 0);  // each event fans out once
  d.deliver_due();
  d.wait_idle();
  std::multiset<std::string> urls(sent_urls.begin(), sent_urls.end());
  EXPECT_EQ(urls, (std::multiset<std::string>{"http://receiver/all", "http://receiver/all", "http://receiver/selected"}));
}

TEST_F(DispatcherTest, RotationSignsWithBothSecretsForTwentyFourHours) {
  std::string old_secret = domain::new_webhook_secret(), new_secret = domain::new_webhook_secret();
  std::string id = endpoint("http://receiver/a", old_secret);
  store->write([&](storage::WriteTx& tx) {
    auto e = tx.webhook_endpoint(scope, id);
    e->previous_secret_sealed = e->secret_sealed;
    e->secret_sealed = box.seal(new_secret);
    e->rotated_at = clock.now_ms();
    tx.update_webhook_endpoint(*e);
    return true;
  });
  Dispatcher d(*store, clock, box, options(), nullptr, sender());
  event("customer.created");
  d.fan_out();
  d.deliver_due();
  d.wait_idle();
  clock.advance_ms(domain::kRotationOverlapMs);
  event("customer.activated");
  d.fan_out();
  d.deliver_due();
  d.wait_idle();
  ASSERT_EQ(sent_headers.size(), 2u);
  auto first = header(sent_headers[0], "X-Conduit-Signature"), second = header(sent_headers[1], "X-Conduit-Signature");
  auto count_v1 = [](const std::string& h) {
    size_t n = 0;
    for (size_t p = h.find("v1="); p != std::string::npos; p = h.find("v1=", p + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count_v1(first), 2u);
  EXPECT_EQ(count_v1(second), 1u);  // 24 h later only the new secret signs
  auto list = deliveries();
  EXPECT_TRUE(domain::verify_signature(first, old_secret, list[0].payload, clock.now_ms() / 1000 - 86400));
  EXPECT_TRUE(domain::verify_signature(first, new_secret, list[0].payload, clock.now_ms() / 1000 - 86400));
  EXPECT_FALSE(domain::verify_signature(second, old_secret, list[1].payload, clock.now_ms() / 1000));
}

TEST_F(DispatcherTest, SlowEndpointDoesNotBlockOthers) {
  // The per-endpoint bound keeps a slow endpoint's backlog from taking every worker.
  endpoint("http://receiver/slow", domain::new_webhook_secret());
  event("customer.created", 10);
  auto o = options();
  o.max_in_flight = 4;
  o.max_in_flight_per_endpoint = 1;
  std::mutex gate;
  gate.lock();
  Sender blocking = [&](const std::string& url, const auto&, const std::string&, bool) {
    if (url == "http://receiver/slow") std::lock_guard wait(gate);  // held until released below
    std::lock_guard lock(mutex);
    sent_urls.push_back(url);
    PostResult r;
    r.status = 200;
    return r;
  };
  Dispatcher d(*store, clock, box, o, nullptr, blocking);
  d.fan_out();
  EXPECT_EQ(d.deliver_due(), 1);  // only one in flight for the slow endpoint
  endpoint("http://receiver/fast", domain::new_webhook_secret());
  event("customer.activated");
  d.fan_out();
  EXPECT_EQ(d.deliver_due(), 1);  // the fast endpoint's delivery starts although the slow one is stuck
  for (int i = 0; i < 2000; ++i) {
    {
      std::lock_guard lock(mutex);
      if (std::count(sent_urls.begin(), sent_urls.end(), "http://receiver/fast") == 1) break;
    }
    std::this_thread::yield();
  }
  {
    std::lock_guard lock(mutex);
    EXPECT_EQ(std::count(sent_urls.begin(), sent_urls.end(), "http://receiver/fast"), 1);
  }
  gate.unlock();
  d.wait_idle();
}

TEST_F(DispatcherTest, RestartInTheMiddleOfABacklogLosesNothing) {
  endpoint("http://receiver/a", domain::new_webhook_secret());
  event("customer.created", 1000);
  {
    Dispatcher first(*store, clock, box, options(), nullptr, sender());
    first.fan_out();   // 100 events fanned out
    first.deliver_due();  // some attempts started
    first.wait_idle();
    // Simulate a crash with deliveries claimed but not attempted: mark some processing.
    store->write([&](storage::WriteTx& tx) {
      for (auto& d : tx.due_deliveries(clock.now_ms(), 10)) {
        d.status = "processing";
        tx.update_delivery(d);
      }
      return true;
    });
  }
  Dispatcher second(*store, clock, box, options(), nullptr, sender());  // requeues "processing"
  while (second.fan_out() > 0) {}
  for (int i = 0; i < 5000 && second.deliver_due() > 0; ++i) second.wait_idle();  // 4 per pass per endpoint
  second.wait_idle();
  std::set<std::string> events_delivered;
  int64_t succeeded = 0;
  store->read([&](storage::ReadTx& tx) {
    storage::KeysetQuery q{std::nullopt, false, true, 100};
    while (true) {
      auto page = tx.webhook_deliveries(scope, {}, q);
      for (auto& d : page.items) {
        if (d.status == "succeeded") ++succeeded;
        events_delivered.insert(d.event_id);
      }
      if (!page.more_after) break;
      q.boundary = page.items.back().id;
    }
  });
  EXPECT_EQ(events_delivered.size(), 1000u);
  EXPECT_EQ(succeeded, 1000);
}

}  // namespace
}  // namespace conduit::webhooks
