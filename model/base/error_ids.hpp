// The stable IDs of every user-facing error ("[NET-0101]" at the end of a message), each
// with its one-line meaning. docs/errors.md lists the same table for users, and
// tests/model/error_ids_test.cpp holds the sources, the tests and the docs to it: an ID
// raised anywhere must be listed here, and every ID listed here must be raised somewhere.
// Raising sites keep the literal ("MAP-0006") so that grep finds them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace axomesh::model {

struct ErrorIdEntry {
  const char* id;       // PREFIX-NNNN: 2-4 capital letters naming the part, 4 digits
  const char* meaning;  // one line, as docs/errors.md gives it
};

// Every ID, sorted by prefix and number.
const ErrorIdEntry* error_ids_begin();
const ErrorIdEntry* error_ids_end();
std::size_t error_id_count();

// The meaning of `id`, or nullptr when it is not registered.
const char* error_id_meaning(std::string_view id);

// 2-4 capital letters, '-', 4 digits.
bool is_well_formed_error_id(std::string_view id);

// The ID of a diagnostic raised by a format reader that knows its format's prefix: `code`
// when it is already a whole ID ("NIR-0301"), else `format` when that is a whole ID (a
// document whose every error carries one ID), else "FORMAT-CODE" ("NET" + "0002").
std::string diagnostic_id(const std::string& format, const std::string& code);

}  // namespace axomesh::model
