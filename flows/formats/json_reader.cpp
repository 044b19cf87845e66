#include "flows/formats/json_reader.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "model/base/error_ids.hpp"

namespace axomesh::flows {

namespace {

// Where the parser is, for naming a duplicate key: one entry per open container.
struct ParsePosition {
  struct Level {
    bool is_object;
    std::string key;        // objects: the last key read
    long index = -1;        // arrays: the element being read
    std::set<std::string> keys;
  };
  std::vector<Level> levels;

  std::string path() const {
    std::string p;
    for (const Level& l : levels) p += "/" + (l.is_object ? l.key : std::to_string(l.index));
    return p;
  }
  // A value (scalar or container) starts inside the current container.
  void value_starts() {
    if (!levels.empty() && !levels.back().is_object) ++levels.back().index;
  }
};

struct DuplicateKey {
  std::string path;
};

std::pair<std::size_t, std::size_t> line_and_column(const std::string& text, std::size_t byte) {
  const std::size_t at = std::min<std::size_t>(byte == 0 ? 0 : byte - 1, text.size());
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  const std::size_t line_start = at == 0 ? std::string::npos : text.rfind('\n', at - 1);
  return {line, at - (line_start == std::string::npos ? 0 : line_start + 1) + 1};
}

}  // namespace

json parse_json_text(const std::string& text, const std::string& file, const std::string& id_prefix) {
  ParsePosition position;
  const json::parser_callback_t track = [&position](int, json::parse_event_t event, json& parsed) {
    using E = json::parse_event_t;
    switch (event) {
      case E::object_start:
      case E::array_start:
        position.value_starts();
        position.levels.push_back({event == E::object_start, {}, -1, {}});
        break;
      case E::object_end:
      case E::array_end: position.levels.pop_back(); break;
      case E::key: {
        auto& level = position.levels.back();
        level.key = parsed.get<std::string>();
        if (!level.keys.insert(level.key).second) throw DuplicateKey{position.path()};
        break;
      }
      case E::value: position.value_starts(); break;
    }
    return true;
  };
  try {
    return json::parse(text, track);
  } catch (const DuplicateKey& d) {
    throw model::InputError({{model::diagnostic_id(id_prefix, "0006"), d.path, "duplicate key; expected every key of an object once"}}, file);
  } catch (const json::parse_error& e) {
    const auto [line, column] = line_and_column(text, e.byte);
    std::string what = e.what();
    const std::size_t at = what.find("syntax error");
    if (at != std::string::npos) what = what.substr(at);
    throw model::InputError({{model::diagnostic_id(id_prefix, "0001"), "line " + std::to_string(line) + ", column " + std::to_string(column),
                              "expected valid JSON, found " + what}},
                            file);
  } catch (const json::exception& e) {  // e.g. a number too large for a double
    throw model::InputError({{model::diagnostic_id(id_prefix, "0001"), position.path(), std::string("expected valid JSON values, found: ") + e.what()}},
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
  throw model::InputError({{model::diagnostic_id(prefix_, code), path_.empty() ? "/" : path_, message}}, file_);
}

void JsonValue::fail_expected(const std::string& expected) const {
  fail("0002", "expected " + expected + ", found " + describe_json(value_));
}

void JsonValue::expect_format(const std::string& name, int version) const {
  const JsonValue format = field("format");
  if (format.as_string() != name) format.fail_expected("the string \"" + name + "\"");
  const JsonValue found = field("version");
  if (found.as_int({0, INT32_MAX}) != version)
    found.fail("0005", "expected format version " + std::to_string(version) + ", found " + describe_json(found.raw()));
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
    throw model::InputError({{model::diagnostic_id(prefix_, "0004"), path_ + "/" + item.key(),
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

}  // namespace axomesh::flows
