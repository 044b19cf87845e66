// The error ID registry (model/base/error_ids.hpp) against what uses it: every ID is well formed
// and listed once; docs/errors.md lists the same IDs with the same meanings; every ID the
// sources raise is registered and every registered ID is raised (no dead entries); and
// every registered ID is raised by some test. The sources and tests are scanned from the
// source tree at test time, recursively, so files may move between folders.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "model/base/error_ids.hpp"
#include "test_support.hpp"

using namespace axomesh;
namespace fs = std::filesystem;

namespace {

const fs::path kRoot = AXOMESH_SOURCE_DIR;
// The folders of the kit's own (non-test) sources.
const char* const kSourceFolders[] = {"model", "targets", "mapper", "hls", "rtl_gen", "cosim", "flows"};

std::set<std::string> registry_ids() {
  std::set<std::string> ids;
  for (auto* e = model::error_ids_begin(); e != model::error_ids_end(); ++e) ids.insert(e->id);
  return ids;
}

bool is_source(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".cpp" || ext == ".hpp" || ext == ".h" || ext == ".def";
}

// path -> content of every file under `folder` (recursively) that `keep` accepts.
template <class Keep>
std::map<std::string, std::string> files_under(const fs::path& folder, Keep keep) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file() && keep(entry.path())) out[entry.path().string()] = test::read_file(entry.path().string());
  return out;
}

std::map<std::string, std::string> kit_sources() {
  std::map<std::string, std::string> all;
  for (const char* folder : kSourceFolders) all.merge(files_under(kRoot / folder, is_source));
  return all;
}

// Every PREFIX-NNNN in `text` (2-4 capitals not preceded by a letter, 4 digits not followed
// by a digit). Hand-written: std::regex is slow on a whole source tree.
std::set<std::string> ids_in(const std::string& text) {
  std::set<std::string> ids;
  for (std::size_t dash = text.find('-'); dash != std::string::npos; dash = text.find('-', dash + 1)) {
    std::size_t start = dash;
    while (start > 0 && std::isupper(static_cast<unsigned char>(text[start - 1])) && dash - start < 5) --start;
    const std::size_t letters = dash - start;
    if (letters < 2 || letters > 4 || (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1])))) continue;
    if (dash + 5 > text.size()) continue;
    bool digits = true;
    for (std::size_t i = dash + 1; i <= dash + 4; ++i) digits = digits && std::isdigit(static_cast<unsigned char>(text[i]));
    if (!digits || (dash + 5 < text.size() && std::isdigit(static_cast<unsigned char>(text[dash + 5])))) continue;
    ids.insert(text.substr(start, letters + 5));
  }
  return ids;
}

// The content of the one source file named `name`, wherever it lives.
std::string source_named(const std::map<std::string, std::string>& sources, const std::string& name) {
  for (const auto& [path, text] : sources)
    if (fs::path(path).filename() == name) return text;
  FAIL("no source file " << name << " under " << kRoot);
  return {};
}

// The codes ("0002") a format reader completes with its format's prefix.
std::set<std::string> reader_codes(const std::string& reader_source) {
  std::set<std::string> codes;
  const std::regex code("\"-?([0-9]{4})\"");
  for (std::sregex_iterator it(reader_source.begin(), reader_source.end(), code), end; it != end; ++it)
    codes.insert((*it)[1]);
  return codes;
}

// The format prefixes ("NET") given to the readers whose call matches `call`.
std::set<std::string> reader_prefixes(const std::map<std::string, std::string>& sources, const std::string& marker,
                                      const std::regex& call) {
  std::set<std::string> prefixes;
  for (const auto& [path, text] : sources) {
    if (text.find(marker) == std::string::npos) continue;
    for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) prefixes.insert((*it)[1]);
  }
  return prefixes;
}

// Format codes no reader of that format can raise, so the registry leaves them out.
const std::set<std::string> kNotRaised = {
    "SFA-0005",  // the architecture reader reads no list of numbers (YamlStream::read_numbers)
};

}  // namespace

TEST_CASE("Every registered error ID is well formed, listed once, in order, with a one-line meaning", "[error_ids]") {
  REQUIRE(model::error_id_count() > 100);
  std::set<std::string> seen;
  std::string previous;
  for (auto* e = model::error_ids_begin(); e != model::error_ids_end(); ++e) {
    INFO(e->id);
    CHECK(model::is_well_formed_error_id(e->id));
    CHECK(seen.insert(e->id).second);
    CHECK(previous < e->id);
    previous = e->id;
    const std::string meaning = e->meaning;
    CHECK(!meaning.empty());
    CHECK(meaning.find('\n') == std::string::npos);
    CHECK(model::error_id_meaning(e->id) == e->meaning);
  }
  CHECK(model::error_id_meaning("NET-9999") == nullptr);
  CHECK(model::is_well_formed_error_id("FLOW-0010"));
  CHECK(model::is_well_formed_error_id("IO-0001"));
  CHECK_FALSE(model::is_well_formed_error_id("NIR-NIR-0301"));
  CHECK_FALSE(model::is_well_formed_error_id("N-0001"));
  CHECK_FALSE(model::is_well_formed_error_id("FLOWS-0001"));
  CHECK_FALSE(model::is_well_formed_error_id("NET-001"));
  CHECK_FALSE(model::is_well_formed_error_id("NET-00011"));
  CHECK_FALSE(model::is_well_formed_error_id("net-0001"));
}

TEST_CASE("A reader's diagnostic ID is never prefixed twice", "[error_ids]") {
  CHECK(model::diagnostic_id("NET", "0002") == "NET-0002");
  CHECK(model::diagnostic_id("NIR", "NIR-0301") == "NIR-0301");
  CHECK(model::diagnostic_id("IMG", "IMG-0103") == "IMG-0103");
  // A document read under one whole ID gives every error that ID.
  CHECK(model::diagnostic_id("NIR-0301", "0002") == "NIR-0301");
}

TEST_CASE("docs/errors.md lists exactly the registry's IDs and meanings, under their prefix", "[error_ids]") {
  std::ifstream in(kRoot / "docs" / "errors.md");
  REQUIRE(in);
  std::map<std::string, std::string> documented;
  std::string line, section;
  const std::regex heading("## ([A-Z]{2,4}) .*");
  const std::regex row("\\| ([A-Z]{2,4}-[0-9]{4}) \\| (.*) \\|");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, heading)) section = m[1];
    if (!std::regex_match(line, m, row)) continue;
    const std::string id = m[1];
    INFO(line);
    CHECK(id.substr(0, id.find('-')) == section);
    CHECK(documented.emplace(id, m[2]).second);
  }
  std::map<std::string, std::string> registered;
  for (auto* e = model::error_ids_begin(); e != model::error_ids_end(); ++e) registered[e->id] = e->meaning;
  for (const auto& [id, meaning] : registered) {
    INFO(id << " is in the registry");
    REQUIRE(documented.count(id) == 1);
    CHECK(documented[id] == meaning);
  }
  for (const auto& [id, meaning] : documented) {
    INFO(id << " is in docs/errors.md");
    CHECK(registered.count(id) == 1);
  }
}

TEST_CASE("The sources raise exactly the registered error IDs", "[error_ids]") {
  std::map<std::string, std::string> sources = kit_sources();
  REQUIRE(sources.size() > 100);
  // The registry itself is what is checked, not evidence of use.
  for (auto it = sources.begin(); it != sources.end();)
    it = fs::path(it->first).filename() == "error_ids.cpp" ? sources.erase(it) : std::next(it);

  std::set<std::string> written;  // IDs spelled out anywhere in the sources (code and comments)
  for (const auto& [path, text] : sources) written.merge(ids_in(text));
  // IDs the format readers compose: each format's prefix with each code its reader completes.
  std::set<std::string> composed;
  const auto json_prefixes = reader_prefixes(sources, "parse_json_text(", std::regex("parse_json_text\\([^;]*?\"([A-Z]{2,4})\"\\)"));
  const auto yaml_prefixes = reader_prefixes(sources, "YamlStream ", std::regex("YamlStream \\w+\\([^;]*?\"([A-Z]{2,4})\"\\)"));
  CHECK(json_prefixes == std::set<std::string>{"FLOW", "IMG", "NET", "TGT"});
  CHECK(yaml_prefixes == std::set<std::string>{"SFA", "SFE"});
  for (const std::string& code : reader_codes(source_named(sources, "json_reader.cpp")))
    for (const std::string& prefix : json_prefixes) composed.insert(prefix + "-" + code);
  for (const std::string& code : reader_codes(source_named(sources, "yaml_stream.cpp")))
    for (const std::string& prefix : yaml_prefixes) composed.insert(prefix + "-" + code);
  CHECK(composed.count("NET-0006") == 1);
  CHECK(composed.count("SFE-0005") == 1);

  const std::set<std::string> registered = registry_ids();
  for (const std::string& id : written) {
    INFO(id << " appears in the sources");
    CHECK(registered.count(id) == 1);
  }
  for (const std::string& id : composed) {
    INFO(id << " can be raised by a format reader");
    CHECK((registered.count(id) == 1 || kNotRaised.count(id) == 1));
  }
  for (const std::string& id : kNotRaised) {
    INFO(id << " is listed as never raised");
    CHECK(composed.count(id) == 1);
    CHECK(registered.count(id) == 0);
  }
  for (const std::string& id : registered) {
    INFO(id << " is registered");
    CHECK((written.count(id) == 1 || composed.count(id) == 1));
  }
}

TEST_CASE("Raising sites outside the format readers spell out the whole ID", "[error_ids]") {
  // A bare code ("0103") takes the prefix of whatever reader it runs under, so the sources
  // could not be checked against the registry; only the readers' shared checks may use one.
  const std::regex bare("fail\\(\\s*\"[0-9]{4}\"");
  for (const auto& [path, text] : kit_sources()) {
    const std::string name = fs::path(path).filename().string();
    if (name == "json_reader.cpp" || name == "yaml_stream.cpp") continue;
    INFO(path);
    CHECK_FALSE(std::regex_search(text, bare));
  }
}

TEST_CASE("Every registered error ID is raised by some test", "[error_ids]") {
  const auto tests = files_under(kRoot / "tests", [](const fs::path& p) {
    return p.filename() != "error_ids_test.cpp" && p.extension() != ".h5" && p.extension() != ".nir";
  });
  std::set<std::string> tested;
  for (const auto& [path, text] : tests) tested.merge(ids_in(text));
  for (const std::string& id : registry_ids()) {
    INFO(id << " is registered but no file under tests/ names it");
    CHECK(tested.count(id) == 1);
  }
}
