// SQLite in WAL mode: readers on pooled connections, one writer thread that commits
// concurrent write jobs together (group commit) with synchronous=FULL, so every
// acknowledged write has been fsync'd and one fsync covers a whole batch.
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>

#include "storage/sqlite_tx.h"

namespace conduit::storage {
namespace {

std::unique_ptr<Connection> open_connection(const std::string& path) {
  auto c = std::make_unique<Connection>(path);
  c->exec("PRAGMA journal_mode = WAL");
  c->exec("PRAGMA synchronous = FULL");
  c->exec("PRAGMA foreign_keys = ON");
  return c;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const StoreOptions& o) : options_(o) {
    std::filesystem::create_directories(o.data_dir);
    path_ = (std::filesystem::path(o.data_dir) / "conduit.db").string();
    writer_conn_ = open_connection(path_);
    migrate(*writer_conn_);
    writer_ = std::thread([this] { writer_loop(); });
  }
  ~SqliteStore() override { close(); }

  Status read(const std::function<void(ReadTx&)>& fn) override {
    std::unique_ptr<Connection> conn = borrow();
    Status st;
    try {
      conn->exec("BEGIN");
      SqliteTx tx(*conn);
      fn(tx);
      conn->exec("COMMIT");
    } catch (const std::exception& e) {
      st = {false, e.what()};
      try {
        conn->exec("ROLLBACK");
      } catch (...) {
      }
    }
    give_back(std::move(conn));
    return st;
  }

  Status write(WriteJob job) override {
    std::promise<Status> promise;
    auto result = promise.get_future();
    write_async(std::move(job), [&promise](Status st) { promise.set_value(std::move(st)); });
    return result.get();
  }

  void write_async(WriteJob job, std::function<void(Status)> done) override {
    auto item = std::make_unique<Pending>();
    item->job = std::move(job);
    item->done = std::move(done);
    {
      std::lock_guard lock(mutex_);
      if (stopping_ || queue_.size() >= options_.max_pending_writes) {
        Status refused{false, stopping_ ? "store is closed" : "write queue full"};
        // Called outside the lock below; refusing is immediate.
        item->result = refused;
      } else {
        queue_.push_back(std::move(item));
      }
    }
    if (item) {
      item->done(item->result);
      return;
    }
    cv_.notify_one();
  }

  void close() override {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      stopping_ = true;
    }
    cv_.notify_all();
    if (writer_.joinable()) writer_.join();
    std::lock_guard lock(pool_mutex_);
    pool_.clear();
  }

 private:
  struct Pending {
    WriteJob job;
    std::function<void(Status)> done;
    Status result;
  };

  std::unique_ptr<Connection> borrow() {
    {
      std::lock_guard lock(pool_mutex_);
      if (!pool_.empty()) {
        auto c = std::move(pool_.back());
        pool_.pop_back();
        return c;
      }
    }
    return open_connection(path_);
  }
  void give_back(std::unique_ptr<Connection> c) {
    std::lock_guard lock(pool_mutex_);
    if (pool_.size() < 64) pool_.push_back(std::move(c));
  }

  void writer_loop() {
    while (true) {
      std::vector<std::unique_ptr<Pending>> batch;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping and drained
        while (!queue_.empty() && batch.size() < options_.max_batch) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      run_batch(batch);
    }
  }

  void run_batch(std::vector<std::unique_ptr<Pending>>& batch) {
    Connection& c = *writer_conn_;
    SqliteTx tx(c);
    Status batch_status;
    try {
      c.exec("BEGIN IMMEDIATE");
      for (auto& p : batch) {
        c.exec("SAVEPOINT job");
        bool keep = false;
        try {
          keep = p->job(tx);
        } catch (const std::exception& e) {
          p->result = {false, e.what()};
        }
        if (!keep) c.exec("ROLLBACK TO job");
        c.exec("RELEASE job");
      }
      c.exec("COMMIT");
    } catch (const std::exception& e) {
      batch_status = {false, std::string("commit failed: ") + e.what()};
      try {
        c.exec("ROLLBACK");
      } catch (...) {
      }
    }
    for (auto& p : batch) p->done(batch_status.ok ? p->result : batch_status);
  }

  StoreOptions options_;
  std::string path_;
  std::unique_ptr<Connection> writer_conn_;
  std::thread writer_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Pending>> queue_;
  bool stopping_ = false;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Connection>> pool_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const StoreOptions& options) { return std::make_unique<SqliteStore>(options); }

}  // namespace conduit::storage
