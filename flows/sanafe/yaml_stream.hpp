// YamlStream -- a YAML file read as a stream of events (libyaml), so that files of several
// hundred MB are never held whole: a reader walks the large lists item by item and builds a
// small tree (YamlNode) only for the items themselves, and reads long lists of numbers
// straight into a vector. Errors are model::InputError with the file and line. Nesting is
// bounded (kMaxYamlDepth) so that no reader recurses without end on a hostile file.
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace axomesh::flows {

// A small YAML subtree: a scalar, a mapping (keys in file order) or a sequence.
struct YamlNode {
  enum class Type { Scalar, Map, Seq };
  Type type = Type::Scalar;
  std::string scalar;
  std::vector<std::pair<std::string, YamlNode>> map;
  std::vector<YamlNode> seq;
  std::size_t line = 0;  // 1-based line where the node starts

  bool is_scalar() const { return type == Type::Scalar; }
  bool is_map() const { return type == Type::Map; }
  bool is_seq() const { return type == Type::Seq; }
  const YamlNode* find(const std::string& key) const;
};

// Mappings and lists nested deeper than this fail (ID -0006). Real SANA-FE files nest fewer
// than 10 levels; read_node recurses once per level and the tree it builds is freed
// recursively, so a bound is what keeps a file of 40,000 "[" from overflowing the stack.
constexpr std::size_t kMaxYamlDepth = 64;

class YamlStream {
 public:
  enum class Kind { MapStart, MapEnd, SeqStart, SeqEnd, Scalar, End };
  struct Event {
    Kind kind = Kind::End;
    std::string value;  // scalars only
    std::size_t line = 0;
  };

  // Opens `path`; throws model::InputError (IO-0001) when it cannot be read or is a
  // directory. `id_prefix` names the diagnostics ("SFE" gives SFE-0001 for a YAML syntax
  // error).
  YamlStream(const std::string& path, std::string id_prefix);
  ~YamlStream();
  YamlStream(const YamlStream&) = delete;
  YamlStream& operator=(const YamlStream&) = delete;

  // The next structural event (document and stream markers are skipped). Throws (-0006)
  // at a mapping or list opened deeper than kMaxYamlDepth.
  const Event& peek();
  Event next();
  // Reads the next node whole (for small subtrees only).
  YamlNode read_node();
  // Reads a sequence of numbers into `out` (appending), without building nodes; throws
  // when an item is not a number.
  void read_numbers(std::vector<double>& out, const std::string& what);
  // Skips the next node, whatever its size.
  void skip();
  // Consumes a MapStart / SeqStart, or throws naming what was expected.
  void expect(Kind kind, const std::string& what);

  const std::string& file() const { return file_; }
  // Throws model::InputError: "FILE: line N: MESSAGE [ID]"; `id` is a whole ID
  // ("SFE-0401"), or a code the stream's prefix completes ("0003" gives SFE-0003).
  [[noreturn]] void fail(const std::string& id, std::size_t line, const std::string& message) const;

 private:
  Event pull();
  struct Parser;
  std::unique_ptr<Parser> parser_;
  std::string file_;
  std::string prefix_;
  std::size_t depth_ = 0;  // mappings and lists open at the last event pulled
  bool has_peeked_ = false;
  Event peeked_;
};

const char* kind_name(YamlStream::Kind kind);

// Numbers in YAML text: an integer or a decimal; false when `text` is neither.
bool parse_yaml_number(const std::string& text, double& value);

}  // namespace axomesh::flows
