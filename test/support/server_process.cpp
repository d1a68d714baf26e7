#include "support/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace conduit::test {
namespace {

// Forks and execs the binary; stdout to a pipe (returned), stderr to `err_path` (appended).
pid_t spawn(const std::vector<std::string>& args, int* stdout_fd, const std::string& err_path) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(err, 2);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    std::string bin = CONDUIT_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  *stdout_fd = out[0];
  return pid;
}

// Reads one line from fd, waiting at most `deadline`.
bool read_line(int fd, std::string& line, std::chrono::steady_clock::time_point deadline) {
  line.clear();
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, int(left)) <= 0) return false;
    char c;
    if (read(fd, &c, 1) != 1) return false;
    if (c == '\n') return true;
    line += c;
  }
}

std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, size_t(n));
  return out;
}

}  // namespace

boost::json::value CliResult::json() const { return boost::json::parse(out); }

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "conduit-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp");
  path_ = tmpl;
}
TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

ServerProcess::ServerProcess(std::vector<std::string> extra_flags, std::string data_dir) : flags_(std::move(extra_flags)) {
  if (data_dir.empty()) {
    owned_dir_ = std::make_unique<TempDir>();
    data_dir_ = owned_dir_->path();
  } else {
    data_dir_ = data_dir;
  }
  start();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) kill9();
}

void ServerProcess::start() {
  std::vector<std::string> args = {"serve", "--data-dir", data_dir_, "--sandbox-listen", "127.0.0.1:0",
                                   "--production-listen", "127.0.0.1:0", "--threads", "2"};
  args.insert(args.end(), flags_.begin(), flags_.end());
  int out_fd;
  pid_ = spawn(args, &out_fd, data_dir_ + "/server.log");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::string line;
  while (read_line(out_fd, line, deadline)) {
    auto v = boost::json::parse(line).as_object();
    if (v["event"] == "bootstrap") {
      bootstrap_key_ = std::string(v["key"].as_string());
      bootstrap_org_ = std::string(v["organizationId"].as_string());
    } else if (v["event"] == "listening") {
      sandbox_ = std::string(v["sandbox"].as_string());
      production_ = std::string(v["production"].as_string());
      close(out_fd);
      return;
    }
  }
  close(out_fd);
  kill9();
  throw std::runtime_error("server did not start; log:\n" + log());
}

int ServerProcess::stop(int signal_number) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal_number);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServerProcess::kill9() { stop(SIGKILL); }

std::string ServerProcess::log() const {
  std::ifstream f(data_dir_ + "/server.log");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::unique_ptr<HttpClient> ServerProcess::sandbox_client() const {
  auto [h, p] = split_host_port(sandbox_);
  return std::make_unique<HttpClient>(h, p);
}
std::unique_ptr<HttpClient> ServerProcess::production_client() const {
  auto [h, p] = split_host_port(production_);
  return std::make_unique<HttpClient>(h, p);
}

CliResult ServerProcess::cli(std::vector<std::string> args) const {
  args.push_back("--data-dir");
  args.push_back(data_dir_);
  return run_conduit(args);
}

CliResult run_conduit(const std::vector<std::string>& args) {
  TempDir tmp;
  std::string err_path = tmp.path() + "/err";
  int out_fd;
  pid_t pid = spawn(args, &out_fd, err_path);
  CliResult r;
  r.out = read_all(out_fd);
  close(out_fd);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream f(err_path);
  std::stringstream ss;
  ss << f.rdbuf();
  r.err = ss.str();
  return r;
}

}  // namespace conduit::test
