// A small read-only view of an HDF5 file through the HDF5 C library: groups and their
// members, scalar and array string datasets, and numeric datasets of any integer or float
// type read as doubles with their shape. Every failure throws model::InputError naming the
// file and the HDF5 path (IDs NIR-000x), and HDF5's own error printing is kept quiet while
// a file is open. The C library's handles stay inside hdf5_file.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace axomesh::flows {

// A numeric dataset as read: row-major values, its shape (empty for a scalar) and the
// stored element type ("float32", "float64", "int64", "uint8", ...).
struct Hdf5Array {
  std::vector<uint64_t> shape;
  std::vector<double> values;
  std::string dtype;
  bool is_integer() const { return !dtype.empty() && dtype[0] != 'f'; }
};

enum class Hdf5Kind { Missing, Group, Dataset, Other };

class Hdf5File {
 public:
  // Throws InputError (NIR-0001) when `path` cannot be opened as an HDF5 file.
  explicit Hdf5File(const std::string& path);
  ~Hdf5File();
  Hdf5File(const Hdf5File&) = delete;
  Hdf5File& operator=(const Hdf5File&) = delete;

  const std::string& path() const { return path_; }

  // `object` is an absolute HDF5 path ("/node/nodes/fc1/weight").
  Hdf5Kind kind(const std::string& object) const;
  // Names of a group's members, sorted (HDF5 keeps no creation order in these files).
  std::vector<std::string> members(const std::string& group) const;

  // What identifies the object behind `object` in this file (its address): two paths give
  // the same value exactly when hard links lead them to one object.
  std::string object_identity(const std::string& object) const;

  bool is_string_dataset(const std::string& dataset) const;
  // A scalar (or one-element) string dataset, fixed or variable length.
  std::string read_string(const std::string& dataset) const;
  // A string dataset of any shape, row-major, with its shape.
  std::vector<std::string> read_strings(const std::string& dataset, std::vector<uint64_t>& shape) const;
  // A numeric dataset converted to doubles (NIR-0002 when it holds something else).
  Hdf5Array read_numbers(const std::string& dataset) const;

  // Throws InputError naming this file and `object`.
  [[noreturn]] void fail(const std::string& object, const char* id, const std::string& message) const;

 private:
  std::string path_;
  int64_t file_ = -1;  // hid_t
  struct SavedErrorHandler;
  std::unique_ptr<SavedErrorHandler> saved_;
};

// "(2, 3)" for a shape, "()" for a scalar.
std::string describe_shape(const std::vector<uint64_t>& shape);
uint64_t element_count(const std::vector<uint64_t>& shape);

}  // namespace axomesh::flows
