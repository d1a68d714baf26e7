#pragma once
// Builds a complete POST /v2/onboarding body from a GET /v2/onboarding/requirements response,
// generically (as an integrator's client would): every applicable required field gets a value
// that satisfies its constraints, persons per role, and document ids.
#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

namespace conduit::test {

// `next_document` is called for each document id needed (e.g. to upload one).
boost::json::object build_submission(const boost::json::object& requirements, const std::function<std::string()>& next_document);

// Sets `value` at an absolute RFC 6901 pointer, creating objects on the way.
void set_at(boost::json::object& root, const std::string& pointer, boost::json::value value);

// The reference tokens of an absolute pointer ("/a/b" -> {"a", "b"}; the tests use no escapes).
std::vector<std::string> pointer_tokens(const std::string& pointer);

}  // namespace conduit::test
