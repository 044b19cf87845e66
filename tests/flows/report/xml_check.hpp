// A small XML well-formedness checker for the SVG charts and the HTML report: one root
// element (<svg> in the SVG namespace, or <html> in the XHTML one, after an optional
// <!DOCTYPE html>), balanced and properly nested tags, valid names, quoted attributes each
// given once, no raw '<' or '&' in text or attribute values, no <script>.
#pragma once

#include <string>

namespace axomesh::test {

// "" when `document` is well-formed with root element `root` ("svg" or "html"), else the
// first error.
std::string xml_error(const std::string& document, const std::string& root = "svg");

}  // namespace axomesh::test
