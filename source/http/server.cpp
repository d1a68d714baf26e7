// The only translation unit that includes Beast and Asio (they are heavy to compile).
#include "http/server.h"

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_set>

namespace conduit::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {
// The largest body any route accepts (a multipart upload: 10 MiB + 64 KiB). The parser refuses
// a declared Content-Length beyond it while reading the headers; routes set a tighter limit.
constexpr uint64_t kMaxBodyLimit = 10 * 1024 * 1024 + 64 * 1024;
// Bytes buffered ahead of the parser per connection (bounds pipelined floods too).
constexpr size_t kReadBufferLimit = 64 * 1024;
}  // namespace

class Session;

struct Server::Impl {
  Application& app;
  ServerOptions options;
  asio::io_context ioc;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
  std::vector<Environment> acceptor_env;
  std::atomic<size_t> connections{0};
  std::atomic<bool> draining{false};
  std::mutex sessions_mutex;
  std::unordered_set<Session*> sessions;  // live sessions, to close idle ones on shutdown
  asio::signal_set signals{ioc};
  asio::steady_timer drain_timer{ioc};
  std::once_flag stop_once;

  Impl(Application& a, ServerOptions o) : app(a), options(std::move(o)), ioc(std::max(1, options.threads)) {}
  void accept(size_t index);
  void begin_stop();
  void check_drained();
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Server::Impl& server, tcp::socket socket, Environment env)
      : server_(server), stream_(std::move(socket)), buffer_(kReadBufferLimit), env_(env) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ip_ = ep.address().to_string();
  }
  ~Session() {
    {
      std::lock_guard lock(server_.sessions_mutex);
      server_.sessions.erase(this);
    }
    server_.connections.fetch_sub(1);
    if (server_.draining.load()) asio::post(server_.ioc, [impl = &server_] { impl->check_drained(); });
  }

  void start() {
    {
      std::lock_guard lock(server_.sessions_mutex);
      server_.sessions.insert(this);
    }
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_for_request(); });
  }

  // Called on shutdown from any thread: closes the connection if no request is in progress.
  void close_if_idle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->close();
    });
  }

 private:
  // Keep-alive wait: a long idle timeout until the first byte of the next request arrives,
  // then the (shorter) header timeout covers the whole request line and headers.
  void wait_for_request() {
    if (server_.draining.load()) return close();
    if (buffer_.size() > 0) return read_header();
    idle_ = true;
    stream_.expires_after(server_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, size_t n) {
      self->idle_ = false;
      if (ec) return self->close();
      self->buffer_.commit(n);
      self->read_header();
    });
  }

  void read_header() {
    idle_ = false;
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_.options.header_limit));
    parser_->body_limit(kMaxBodyLimit);
    request_ = Request{};
    request_.environment = env_;
    request_.remote_ip = remote_ip_;
    stream_.expires_after(server_.options.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->on_header(ec);
    });
  }

  void fill_request_head() {
    auto& msg = parser_->get();
    request_.method = std::string(msg.method_string());
    request_.target = std::string(msg.target());
    auto q = request_.target.find('?');
    request_.path = request_.target.substr(0, q);
    request_.query = q == std::string::npos ? "" : request_.target.substr(q + 1);
    request_.headers.reserve(16);
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request_.headers.push_back({std::move(name), std::string(field.value())});
    }
    request_.chunked = parser_->chunked();
    if (auto len = parser_->content_length()) request_.content_length = *len;
  }

  void on_header(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset)
      return close();
    if (ec) {
      // Framing errors: the request cannot be trusted past this point, so answer and close.
      int status = ec == bhttp::error::header_limit ? 431 : (ec == bhttp::error::body_limit ? 413 : 400);
      if (parser_->is_header_done() || status == 413) fill_request_head();
      Response r = status == 413 ? oversized_declared_body() : server_.app.framing_error(status, request_);
      r.close = true;
      return write(std::move(r));
    }
    fill_request_head();
    exchange_ = server_.app.begin(request_);
    if (auto early = exchange_->on_headers()) {
      // Answered before the body: drop the connection rather than read a body nobody wants.
      if (request_.declares_body() && !parser_->is_done()) early->close = true;
      exchange_->finish(*early);
      return write(std::move(*early));
    }
    if (parser_->is_done()) return on_body(beast::error_code{});
    parser_->body_limit(exchange_->body_limit());
    if (auto* expect = request_.header("expect"); expect && beast::iequals(*expect, "100-continue")) {
      auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
      stream_.expires_after(server_.options.write_timeout);
      bhttp::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code ec, size_t) {
        if (ec) return self->close();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  Response oversized_declared_body() {
    exchange_ = server_.app.begin(request_);
    Response r = exchange_->on_body_too_large();
    exchange_->finish(r);
    return r;
  }

  void read_body() {
    stream_.expires_after(server_.options.body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->on_body(ec);
    });
  }

  void on_body(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      Response r = exchange_->on_body_too_large();
      r.close = true;
      exchange_->finish(r);
      return write(std::move(r));
    }
    if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted || ec == bhttp::error::partial_message)
      return close();
    if (ec) {
      Response r = server_.app.framing_error(400, request_);
      r.close = true;
      return write(std::move(r));
    }
    request_.body = std::move(parser_->get().body());
    exchange_->on_body([self = shared_from_this()](Response r) {
      // May run on the store's writer thread: hop back onto this connection's strand.
      asio::post(self->stream_.get_executor(), [self, r = std::move(r)]() mutable {
        self->exchange_->finish(r);
        self->write(std::move(r));
      });
    });
  }

  void write(Response r) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(11);
    res->result(static_cast<unsigned>(r.status));
    for (auto& h : r.headers) res->insert(h.name, h.value);
    if (!r.content_type.empty()) res->set(bhttp::field::content_type, r.content_type);
    bool keep = !r.close && parser_ && parser_->keep_alive() && !server_.draining.load();
    res->keep_alive(keep);
    if (request_.method == "HEAD") {
      res->content_length(r.body.size());  // what a GET would send, with no body
    } else {
      res->body() = std::move(r.body);
      res->prepare_payload();
    }
    exchange_.reset();
    stream_.expires_after(server_.options.write_timeout);
    bhttp::async_write(stream_, *res, [self = shared_from_this(), res, keep](beast::error_code ec, size_t) {
      if (ec || !keep) return self->close();
      self->wait_for_request();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  Server::Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  Environment env_;
  std::string remote_ip_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Request request_;
  std::unique_ptr<Exchange> exchange_;
  std::atomic<bool> idle_{false};
};

void Server::Impl::accept(size_t index) {
  auto& acceptor = *acceptors[index];
  acceptor.async_accept(asio::make_strand(ioc), [this, index](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptors[index]->is_open()) return;
    if (!ec) {
      // Beyond the bound a connection is closed at once: the server stays healthy for the rest.
      if (connections.fetch_add(1) >= options.max_connections || draining.load()) {
        connections.fetch_sub(1);
        beast::error_code ignored;
        socket.close(ignored);
      } else {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<Session>(*this, std::move(socket), acceptor_env[index])->start();
      }
    }
    accept(index);
  });
}

void Server::Impl::begin_stop() {
  std::call_once(stop_once, [this] {
    asio::post(ioc, [this] {
      draining = true;
      beast::error_code ec;
      signals.cancel(ec);
      for (auto& a : acceptors) a->close(ec);
      {
        std::lock_guard lock(sessions_mutex);
        for (auto* s : sessions) s->close_if_idle();
      }
      drain_timer.expires_after(options.shutdown_grace);
      drain_timer.async_wait([this](beast::error_code e) {
        if (!e) ioc.stop();  // grace over: whatever is still in flight is cut
      });
      check_drained();
    });
  });
}

void Server::Impl::check_drained() {
  if (connections.load() == 0) {
    drain_timer.cancel();
    ioc.stop();
  }
}

Server::Server(Application& app, ServerOptions options) : impl_(std::make_unique<Impl>(app, std::move(options))) {}
Server::~Server() = default;

std::vector<std::string> Server::bind(const std::vector<Listener>& listeners) {
  std::vector<std::string> bound;
  for (const auto& l : listeners) {
    beast::error_code ec;
    auto address = asio::ip::make_address(l.host, ec);
    if (ec) throw std::runtime_error("invalid listen address '" + l.host + "'");
    tcp::endpoint ep{address, l.port};
    auto acceptor = std::make_unique<tcp::acceptor>(impl_->ioc);
    acceptor->open(ep.protocol(), ec);
    if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor->bind(ep, ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + l.host + ":" + std::to_string(l.port) + ": " + ec.message());
    auto local = acceptor->local_endpoint();
    std::string host = local.address().is_v6() ? "[" + local.address().to_string() + "]" : local.address().to_string();
    bound.push_back(host + ":" + std::to_string(local.port()));
    impl_->acceptors.push_back(std::move(acceptor));
    impl_->acceptor_env.push_back(l.environment);
  }
  return bound;
}

void Server::run() {
  for (size_t i = 0; i < impl_->acceptors.size(); ++i) impl_->accept(i);
  if (impl_->options.handle_signals) {
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGTERM);
    impl_->signals.async_wait([this](beast::error_code ec, int) {
      if (!ec) impl_->begin_stop();
    });
  }
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void Server::stop() { impl_->begin_stop(); }

size_t Server::open_connections() const { return impl_->connections.load(); }

}  // namespace conduit::http
