#include "xml_check.hpp"

#include <cctype>
#include <set>
#include <vector>

namespace axomesh::test {
namespace {

bool name_char(char c, bool first) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
         (!first && (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.'));
}

// "" when `s` at `i` starts a valid entity (&amp; &lt; &gt; &quot; &apos; &#N; &#xH;), and
// moves `i` past it; else what is wrong.
std::string entity(const std::string& s, std::size_t& i) {
  const std::size_t end = s.find(';', i);
  if (end == std::string::npos || end - i > 10) return "raw '&' at " + std::to_string(i);
  const std::string body = s.substr(i + 1, end - i - 1);
  static const std::set<std::string> named = {"amp", "lt", "gt", "quot", "apos"};
  bool ok = named.count(body) > 0;
  if (!ok && body.size() > 1 && body[0] == '#') {
    const bool hex = body[1] == 'x';
    ok = body.size() > (hex ? 2u : 1u);
    for (std::size_t k = hex ? 2 : 1; k < body.size(); ++k)
      ok = ok && (hex ? std::isxdigit(static_cast<unsigned char>(body[k])) : std::isdigit(static_cast<unsigned char>(body[k])));
  }
  if (!ok) return "bad entity &" + body + "; at " + std::to_string(i);
  i = end + 1;
  return "";
}

}  // namespace

std::string xml_error(const std::string& s, const std::string& root) {
  const std::string root_namespace = root == "svg" ? "http://www.w3.org/2000/svg" : "http://www.w3.org/1999/xhtml";
  std::size_t i = 0;
  if (s.compare(0, 5, "<?xml") == 0) {
    i = s.find("?>");
    if (i == std::string::npos) return "unterminated XML declaration";
    i += 2;
  }
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  if (s.compare(i, 9, "<!DOCTYPE") == 0) {  // HTML5's <!DOCTYPE html>, nothing inside
    const std::size_t end = s.find('>', i);
    if (end == std::string::npos || s.find_first_of("[<", i + 1) < end) return "bad DOCTYPE";
    i = end + 1;
  }
  std::vector<std::string> open;
  int roots = 0;
  while (i < s.size()) {
    if (s[i] == '&') {
      const std::string e = entity(s, i);
      if (!e.empty()) return e;
      continue;
    }
    if (s[i] == '>') return "raw '>' in text at " + std::to_string(i);
    if (s[i] != '<') {
      if (open.empty() && !std::isspace(static_cast<unsigned char>(s[i]))) return "text outside the root at " + std::to_string(i);
      ++i;
      continue;
    }
    if (s.compare(i, 4, "<!--") == 0) {
      const std::size_t end = s.find("-->", i);
      if (end == std::string::npos) return "unterminated comment";
      i = end + 3;
      continue;
    }
    const bool closing = i + 1 < s.size() && s[i + 1] == '/';
    std::size_t k = i + (closing ? 2 : 1);
    const std::size_t name_start = k;
    if (k >= s.size() || !name_char(s[k], true)) return "bad tag name at " + std::to_string(i);
    while (k < s.size() && name_char(s[k], false)) ++k;
    const std::string name = s.substr(name_start, k - name_start);
    if (name == "script") return "script element";
    if (closing) {
      while (k < s.size() && std::isspace(static_cast<unsigned char>(s[k]))) ++k;
      if (k >= s.size() || s[k] != '>') return "bad closing tag </" + name + " at " + std::to_string(i);
      if (open.empty() || open.back() != name)
        return "</" + name + "> closes " + (open.empty() ? std::string("nothing") : "<" + open.back() + ">");
      open.pop_back();
      i = k + 1;
      continue;
    }
    if (open.empty() && ++roots > 1) return "second root element <" + name + ">";
    std::set<std::string> attributes;
    std::string xmlns;
    while (true) {
      const std::size_t before = k;
      while (k < s.size() && std::isspace(static_cast<unsigned char>(s[k]))) ++k;
      if (k >= s.size()) return "unterminated tag <" + name + ">";
      if (s[k] == '>' || s.compare(k, 2, "/>") == 0) break;
      if (k == before) return "no space before an attribute of <" + name + "> at " + std::to_string(k);
      const std::size_t a = k;
      if (!name_char(s[k], true)) return "bad attribute in <" + name + "> at " + std::to_string(k);
      while (k < s.size() && name_char(s[k], false)) ++k;
      const std::string attribute = s.substr(a, k - a);
      if (!attributes.insert(attribute).second) return "attribute " + attribute + " twice in <" + name + ">";
      if (k >= s.size() || s[k] != '=') return "attribute " + attribute + " of <" + name + "> without a value";
      ++k;
      if (k >= s.size() || (s[k] != '"' && s[k] != '\'')) return "unquoted attribute " + attribute + " of <" + name + ">";
      const char quote = s[k++];
      const std::size_t value_start = k;
      while (k < s.size() && s[k] != quote) {
        if (s[k] == '<') return "raw '<' in attribute " + attribute + " of <" + name + ">";
        if (s[k] == '&') {
          const std::string e = entity(s, k);
          if (!e.empty()) return e;
          continue;
        }
        ++k;
      }
      if (k >= s.size()) return "unterminated attribute " + attribute;
      if (attribute == "xmlns") xmlns = s.substr(value_start, k - value_start);
      ++k;
    }
    if (open.empty() && (name != root || xmlns != root_namespace))
      return root == "svg" ? "root is not an SVG element" : "root is not an XHTML <" + root + "> element";
    if (s[k] == '>') {
      open.push_back(name);
      i = k + 1;
    } else {
      i = k + 2;
    }
  }
  if (!open.empty()) return "<" + open.back() + "> never closed";
  if (roots == 0) return "no root element";
  return "";
}

}  // namespace axomesh::test

