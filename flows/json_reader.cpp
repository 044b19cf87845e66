#include "flows/json_reader.hpp"

#include <algorithm>

namespace spikeforge::flows {

json parse_json_text(const std::string& text, const std::string& file, const std::string& id_prefix) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    // Turn the byte offset into line:column.
    const std::size_t at = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    const std::size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
    const std::size_t column = at - (line_start == std::string::npos ? 0 : line_start + 1) + 1;
    std::string what = e.what();
    const std::size_t colon = what.find("syntax error");
    if (colon != std::string::npos) what = what.substr(colon);
    throw model::InputError({{id_prefix + "-0001", "line " + std::to_string(line) + ", column " + std::to_string(column),
                              "expected valid JSON, found " + what}},
                            file);
  }
}

std::string describe_json(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case json::value_t::string: {
      std::string s = value.get<std::string>();
      if (s.size() > 40) s = s.substr(0, 40) + "...";
      return "the string \"" + s + "\"";
    }
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return value.dump();
    case json::value_t::array: return "an array of " + std::to_string(value.size()) + " elements";
    case json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

void JsonValue::fail(const char* code, const std::string& message) const {
  throw model::InputError({{prefix_ + "-" + code, path_.empty() ? "/" : path_, message}}, file_);
}

void JsonValue::fail_expected(const std::string& expected) const {
  fail("0002", "expected " + expected + ", found " + describe_json(value_));
}

void JsonValue::expect_object() const {
  if (!value_.is_object()) fail_expected("an object");
}

void JsonValue::allow_only(std::initializer_list<const char*> allowed) const {
  expect_object();
  for (const auto& item : value_.items()) {
    const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* k) { return item.key() == k; });
    if (known) continue;
    std::string list;
    for (const char* k : allowed) list += std::string(list.empty() ? "" : ", ") + k;
    throw model::InputError({{prefix_ + "-0004", path_ + "/" + item.key(),
                              "unknown field \"" + item.key() + "\"; expected one of: " + list}},
                            file_);
  }
}

JsonValue JsonValue::field(const char* key) const {
  expect_object();
  const auto it = value_.find(key);
  if (it == value_.end()) fail("0003", std::string("missing field \"") + key + "\"");
  return JsonValue(*it, path_ + "/" + key, file_, prefix_);
}

std::size_t JsonValue::array_size() const {
  if (!value_.is_array()) fail_expected("an array");
  return value_.size();
}

JsonValue JsonValue::element(std::size_t index) const {
  return JsonValue(value_[index], path_ + "/" + std::to_string(index), file_, prefix_);
}

int64_t JsonValue::as_int(const IntRange& range) const {
  int64_t x = 0;
  if (value_.is_number_unsigned()) {
    const uint64_t u = value_.get<uint64_t>();
    if (u > static_cast<uint64_t>(INT64_MAX)) fail_expected(range.describe());
    x = static_cast<int64_t>(u);
  } else if (value_.is_number_integer()) {
    x = value_.get<int64_t>();
  } else {
    fail_expected(range.describe());
  }
  if (!range.contains(x)) fail("0101", "expected " + range.describe() + ", found " + std::to_string(x));
  return x;
}

double JsonValue::as_number() const {
  if (!value_.is_number()) fail_expected("a number");
  return value_.get<double>();
}

std::string JsonValue::as_string() const {
  if (!value_.is_string()) fail_expected("a string");
  return value_.get<std::string>();
}

std::size_t JsonValue::as_choice(std::initializer_list<const char*> choices) const {
  std::string list;
  for (const char* c : choices) list += std::string(list.empty() ? "" : " or ") + "\"" + c + "\"";
  if (!value_.is_string()) fail_expected(list);
  const std::string s = value_.get<std::string>();
  std::size_t i = 0;
  for (const char* c : choices) {
    if (s == c) return i;
    ++i;
  }
  fail("0002", "expected " + list + ", found " + describe_json(value_));
}

}  // namespace spikeforge::flows
