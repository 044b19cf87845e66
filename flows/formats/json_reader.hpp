// Reading JSON documents with errors that point into them: every value is read through a
// JsonValue that knows its path ("/projections/3/weights/2/5"), so a wrong type, a
// missing or unknown field, or an out-of-range number names the file, the path, what was
// expected and what was found, and throws model::InputError.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>

#include "model/base/diagnostic.hpp"
#include "model/network/network_limits.hpp"

namespace axomesh::flows {

using nlohmann::json;
using model::limits::IntRange;

// Parses `text` (the content of `file`); a syntax error gives line and column. The
// diagnostic ID prefix (e.g. "NET") names the format; a whole ID ("NIR-0301") instead gives
// every error of the document that one ID (model::diagnostic_id).
json parse_json_text(const std::string& text, const std::string& file, const std::string& id_prefix);

class JsonValue {
 public:
  // `value` must outlive this; the file name and prefix are copied (callers pass temporaries).
  JsonValue(const json& value, std::string path, std::string file, std::string id_prefix)
      : value_(value), path_(std::move(path)), file_(std::move(file)), prefix_(std::move(id_prefix)) {}

  const json& raw() const { return value_; }
  const std::string& path() const { return path_; }

  // A document's header: "format" must be `name` and "version" must be `version` (ID
  // <prefix>-0005 when the version differs).
  void expect_format(const std::string& name, int version) const;
  // Objects.
  void expect_object() const;
  // Throws when a key is not in `allowed` (typos must not pass silently).
  void allow_only(std::initializer_list<const char*> allowed) const;
  bool has(const char* key) const { return value_.is_object() && value_.contains(key); }
  JsonValue field(const char* key) const;  // required
  // Arrays.
  std::size_t array_size() const;  // throws unless an array
  JsonValue element(std::size_t index) const;
  bool is_array() const { return value_.is_array(); }

  // Scalars.
  int64_t as_int(const IntRange& range) const;
  double as_number() const;
  std::string as_string() const;
  // One of `choices`; returns its index.
  std::size_t as_choice(std::initializer_list<const char*> choices) const;

  // `code` is a whole ID ("IMG-0103"); the shared checks above pass the format's code
  // alone ("0002") and get the prefix.
  [[noreturn]] void fail(const char* code, const std::string& message) const;
  [[noreturn]] void fail_expected(const std::string& expected) const;

 private:
  const json& value_;
  std::string path_;
  std::string file_;
  std::string prefix_;
};

// "the string \"abc\"", "the number 1.5", "an array of 3 elements", ...
std::string describe_json(const json& value);

}  // namespace axomesh::flows
