#pragma once
// Runs the real `conduit` binary for a test: a fresh temp data directory, port 0 on both
// listeners, the bootstrap key captured from stdout, stderr (the log) kept in a file.
#include <sys/types.h>

#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <vector>

#include "support/http_client.h"

namespace conduit::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  boost::json::value json() const;  // stdout parsed
};

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class ServerProcess {
 public:
  // Starts `conduit serve` on `data_dir` (a new temp dir when empty) with extra flags.
  explicit ServerProcess(std::vector<std::string> extra_flags = {}, std::string data_dir = "");
  ~ServerProcess();

  void start();
  int stop(int signal_number = 15);  // returns the exit status (or 128+signal)
  void kill9();
  bool running() const { return pid_ > 0; }

  const std::string& data_dir() const { return data_dir_; }
  const std::string& sandbox() const { return sandbox_; }
  const std::string& production() const { return production_; }
  const std::string& bootstrap_key() const { return bootstrap_key_; }
  const std::string& bootstrap_org() const { return bootstrap_org_; }
  std::string log() const;  // everything written to stderr so far

  std::unique_ptr<HttpClient> sandbox_client() const;
  std::unique_ptr<HttpClient> production_client() const;

  // Runs `conduit <args> --data-dir <this data dir>`.
  CliResult cli(std::vector<std::string> args) const;

 private:
  std::vector<std::string> flags_;
  std::unique_ptr<TempDir> owned_dir_;
  std::string data_dir_;
  std::string sandbox_, production_, bootstrap_key_, bootstrap_org_;
  pid_t pid_ = -1;
  int restarts_ = 0;
};

// Runs the binary with arbitrary arguments (no data dir added).
CliResult run_conduit(const std::vector<std::string>& args);

}  // namespace conduit::test
