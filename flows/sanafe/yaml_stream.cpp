#include "flows/sanafe/yaml_stream.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <yaml.h>

#include "flows/formats/file_io.hpp"
#include "model/base/diagnostic.hpp"
#include "model/base/error_ids.hpp"

namespace axomesh::flows {

struct YamlStream::Parser {
  yaml_parser_t parser{};
  std::FILE* file = nullptr;
  bool initialised = false;
};

const YamlNode* YamlNode::find(const std::string& key) const {
  for (const auto& [k, v] : map)
    if (k == key) return &v;
  return nullptr;
}

const char* kind_name(YamlStream::Kind kind) {
  switch (kind) {
    case YamlStream::Kind::MapStart: return "a mapping";
    case YamlStream::Kind::MapEnd: return "the end of a mapping";
    case YamlStream::Kind::SeqStart: return "a list";
    case YamlStream::Kind::SeqEnd: return "the end of a list";
    case YamlStream::Kind::Scalar: return "a scalar";
    case YamlStream::Kind::End: return "the end of the file";
  }
  return "?";
}

bool parse_yaml_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  value = std::strtod(begin, &end);
  return end == begin + text.size() && errno == 0 && std::isfinite(value);
}

YamlStream::YamlStream(const std::string& path, std::string id_prefix)
    : parser_(std::make_unique<Parser>()), file_(path), prefix_(std::move(id_prefix)) {
  require_not_directory(path);  // fopen opens a directory; reading it would fail later
  parser_->file = std::fopen(path.c_str(), "rb");
  if (parser_->file == nullptr)
    throw model::InputError({{"IO-0001", "", "cannot read the file: " + std::string(std::strerror(errno))}}, path);
  yaml_parser_initialize(&parser_->parser);
  parser_->initialised = true;
  yaml_parser_set_input_file(&parser_->parser, parser_->file);
}

YamlStream::~YamlStream() {
  if (parser_->initialised) yaml_parser_delete(&parser_->parser);
  if (parser_->file != nullptr) std::fclose(parser_->file);
}

void YamlStream::fail(const std::string& id, std::size_t line, const std::string& message) const {
  throw model::InputError({{model::diagnostic_id(prefix_, id), line > 0 ? "line " + std::to_string(line) : "", message}}, file_);
}

YamlStream::Event YamlStream::pull() {
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser_->parser, &event)) {
      const yaml_parser_t& p = parser_->parser;
      fail("0001", p.problem_mark.line + 1,
           std::string("not valid YAML: ") + (p.problem != nullptr ? p.problem : "parse error") +
               (p.context != nullptr ? std::string(" ") + p.context : std::string()));
    }
    Event out;
    out.line = event.start_mark.line + 1;
    bool done = true;
    switch (event.type) {
      case YAML_MAPPING_START_EVENT: out.kind = Kind::MapStart; break;
      case YAML_MAPPING_END_EVENT: out.kind = Kind::MapEnd; break;
      case YAML_SEQUENCE_START_EVENT: out.kind = Kind::SeqStart; break;
      case YAML_SEQUENCE_END_EVENT: out.kind = Kind::SeqEnd; break;
      case YAML_SCALAR_EVENT:
        out.kind = Kind::Scalar;
        out.value.assign(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length);
        break;
      case YAML_STREAM_END_EVENT: out.kind = Kind::End; break;
      case YAML_ALIAS_EVENT:
        yaml_event_delete(&event);
        fail("0002", out.line, "YAML aliases (*name) are not supported; write the value out");
      default: done = false; break;  // stream and document markers
    }
    yaml_event_delete(&event);
    if (!done) continue;
    if (out.kind == Kind::MapStart || out.kind == Kind::SeqStart) {
      if (++depth_ > kMaxYamlDepth)
        fail("0006", out.line, "expected mappings and lists nested at most " + std::to_string(kMaxYamlDepth) +
                                   " levels deep, found deeper nesting");
    } else if (out.kind == Kind::MapEnd || out.kind == Kind::SeqEnd) {
      --depth_;
    }
    return out;
  }
}

const YamlStream::Event& YamlStream::peek() {
  if (!has_peeked_) {
    peeked_ = pull();
    has_peeked_ = true;
  }
  return peeked_;
}

YamlStream::Event YamlStream::next() {
  if (has_peeked_) {
    has_peeked_ = false;
    return std::move(peeked_);
  }
  return pull();
}

void YamlStream::expect(Kind kind, const std::string& what) {
  const Event e = next();
  if (e.kind != kind)
    fail("0003", e.line, "expected " + what + " as " + kind_name(kind) + ", found " + kind_name(e.kind) +
                             (e.kind == Kind::Scalar ? " \"" + e.value + "\"" : ""));
}

YamlNode YamlStream::read_node() {
  Event e = next();
  YamlNode node;
  node.line = e.line;
  switch (e.kind) {
    case Kind::Scalar:
      node.scalar = std::move(e.value);
      return node;
    case Kind::MapStart:
      node.type = YamlNode::Type::Map;
      while (peek().kind != Kind::MapEnd) {
        Event key = next();
        if (key.kind != Kind::Scalar) fail("0004", key.line, "expected a plain key in a mapping, found " + std::string(kind_name(key.kind)));
        node.map.emplace_back(std::move(key.value), read_node());
      }
      next();
      return node;
    case Kind::SeqStart:
      node.type = YamlNode::Type::Seq;
      while (peek().kind != Kind::SeqEnd) node.seq.push_back(read_node());
      next();
      return node;
    default: fail("0003", e.line, std::string("expected a value, found ") + kind_name(e.kind));
  }
}

void YamlStream::read_numbers(std::vector<double>& out, const std::string& what) {
  const Event start = next();
  if (start.kind == Kind::Scalar) {  // a single number stands for a one-item list
    double x;
    if (!parse_yaml_number(start.value, x)) fail("0005", start.line, what + ": expected a number, found \"" + start.value + "\"");
    out.push_back(x);
    return;
  }
  if (start.kind != Kind::SeqStart) fail("0005", start.line, what + ": expected a list of numbers, found " + kind_name(start.kind));
  for (;;) {
    Event e = next();
    if (e.kind == Kind::SeqEnd) return;
    double x;
    if (e.kind != Kind::Scalar || !parse_yaml_number(e.value, x))
      fail("0005", e.line, what + ": expected a number, found " + (e.kind == Kind::Scalar ? "\"" + e.value + "\"" : kind_name(e.kind)));
    out.push_back(x);
  }
}

void YamlStream::skip() {
  int depth = 0;
  do {
    const Event e = next();
    if (e.kind == Kind::MapStart || e.kind == Kind::SeqStart) ++depth;
    else if (e.kind == Kind::MapEnd || e.kind == Kind::SeqEnd) --depth;
    else if (e.kind == Kind::End) return;
  } while (depth > 0);
}

}  // namespace axomesh::flows
