#include "flows/nir/hdf5_file.hpp"

#include <algorithm>
#include <type_traits>

#include <hdf5.h>

#include "flows/formats/file_io.hpp"
#include "model/base/diagnostic.hpp"

namespace axomesh::flows {

static_assert(std::is_same<hid_t, int64_t>::value, "Hdf5File stores hid_t as int64_t");

namespace {

// The most values (or string bytes) one dataset may hold: 2^28 doubles are 2 GiB, far
// beyond any network the formats can describe, and checked before anything is allocated.
constexpr uint64_t kMaxDatasetElements = uint64_t{1} << 28;

// One HDF5 identifier, closed with its own close function when it goes out of scope.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  ~Handle() {
    if (id_ >= 0) close_(id_);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  hid_t get() const { return id_; }
  bool ok() const { return id_ >= 0; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    if (end > start) parts.push_back(path.substr(start, end - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

std::string element_type_name(hid_t type) {
  const H5T_class_t cls = H5Tget_class(type);
  const std::size_t bits = H5Tget_size(type) * 8;
  if (cls == H5T_FLOAT) return "float" + std::to_string(bits);
  if (cls == H5T_INTEGER) return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(bits);
  if (cls == H5T_STRING) return "string";
  if (cls == H5T_ENUM) return "enum";
  if (cls == H5T_COMPOUND) return "compound";
  return "an unsupported HDF5 type";
}

std::vector<uint64_t> dataset_shape(hid_t space) {
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return std::vector<uint64_t>(dims.begin(), dims.end());
}

}  // namespace

struct Hdf5File::SavedErrorHandler {
  H5E_auto2_t function = nullptr;
  void* data = nullptr;
};

std::string describe_shape(const std::vector<uint64_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + (shape.size() == 1 ? ",)" : ")");
}

uint64_t element_count(const std::vector<uint64_t>& shape) {
  uint64_t n = 1;
  for (uint64_t d : shape) {
    if (d == 0) return 0;
    n = n > UINT64_MAX / d ? UINT64_MAX : n * d;  // saturates instead of wrapping
  }
  return n;
}

Hdf5File::Hdf5File(const std::string& path) : path_(path), saved_(std::make_unique<SavedErrorHandler>()) {
  require_not_directory(path);  // HDF5 would call a directory "no such file, or no permission"
  // HDF5 prints its error stack to stderr by default; our diagnostics say what failed.
  H5Eget_auto2(H5E_DEFAULT, &saved_->function, &saved_->data);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 <= 0) {
    H5Eset_auto2(H5E_DEFAULT, saved_->function, saved_->data);
    throw model::InputError(
        {{"NIR-0001", "", is_hdf5 == 0 ? "expected an HDF5 file (a .nir file), found a file of another kind"
                                       : "cannot open for reading (no such file, or no permission)"}},
        path);
  }
  file_ = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file_ < 0) {
    H5Eset_auto2(H5E_DEFAULT, saved_->function, saved_->data);
    throw model::InputError({{"NIR-0001", "", "the HDF5 library cannot open this file"}}, path);
  }
}

Hdf5File::~Hdf5File() {
  if (file_ >= 0) H5Fclose(file_);
  H5Eset_auto2(H5E_DEFAULT, saved_->function, saved_->data);
}

void Hdf5File::fail(const std::string& object, const char* id, const std::string& message) const {
  throw model::InputError({{id, object, message}}, path_);
}

Hdf5Kind Hdf5File::kind(const std::string& object) const {
  // H5Lexists needs every intermediate group to exist, so walk the path.
  std::string prefix;
  for (const std::string& part : split_path(object)) {
    prefix += "/" + part;
    if (H5Lexists(file_, prefix.c_str(), H5P_DEFAULT) <= 0) return Hdf5Kind::Missing;
  }
  if (prefix.empty()) return Hdf5Kind::Group;  // the root
  Handle handle(H5Oopen(file_, prefix.c_str(), H5P_DEFAULT), H5Oclose);
  if (!handle.ok()) return Hdf5Kind::Other;  // e.g. a dangling soft link
  const H5I_type_t type = H5Iget_type(handle.get());
  return type == H5I_GROUP ? Hdf5Kind::Group : type == H5I_DATASET ? Hdf5Kind::Dataset : Hdf5Kind::Other;
}

std::vector<std::string> Hdf5File::members(const std::string& group) const {
  Handle g(H5Gopen2(file_, group.c_str(), H5P_DEFAULT), H5Gclose);
  if (!g.ok()) fail(group, "NIR-0002", "expected a group, found none");
  H5G_info_t info;
  if (H5Gget_info(g.get(), &info) < 0) fail(group, "NIR-0003", "cannot list the group's members");
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length = H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (length < 0) fail(group, "NIR-0003", "cannot read the name of member " + std::to_string(i));
    std::string name(static_cast<std::size_t>(length) + 1, '\0');
    H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
    name.resize(static_cast<std::size_t>(length));
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Hdf5File::object_identity(const std::string& object) const {
#if H5_VERSION_GE(1, 12, 0)
  H5O_info2_t info;
  if (H5Oget_info_by_name3(file_, object.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
    fail(object, "NIR-0003", "cannot read the object's header");
  return std::to_string(info.fileno) + ":" + std::string(reinterpret_cast<const char*>(&info.token), sizeof info.token);
#else
  H5O_info_t info;
  if (H5Oget_info_by_name2(file_, object.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
    fail(object, "NIR-0003", "cannot read the object's header");
  return std::to_string(info.fileno) + ":" + std::to_string(info.addr);
#endif
}

bool Hdf5File::is_string_dataset(const std::string& dataset) const {
  Handle d(H5Dopen2(file_, dataset.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.ok()) return false;
  Handle type(H5Dget_type(d.get()), H5Tclose);
  return type.ok() && H5Tget_class(type.get()) == H5T_STRING;
}

std::vector<std::string> Hdf5File::read_strings(const std::string& dataset, std::vector<uint64_t>& shape) const {
  Handle d(H5Dopen2(file_, dataset.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.ok()) fail(dataset, "NIR-0002", "expected a string dataset, found none");
  Handle file_type(H5Dget_type(d.get()), H5Tclose);
  if (H5Tget_class(file_type.get()) != H5T_STRING)
    fail(dataset, "NIR-0002", "expected a string dataset, found a dataset of " + element_type_name(file_type.get()));
  Handle space(H5Dget_space(d.get()), H5Sclose);
  shape = dataset_shape(space.get());
  const uint64_t elements = element_count(shape);
  if (elements > kMaxDatasetElements)
    fail(dataset, "NIR-0004", "expected at most " + std::to_string(kMaxDatasetElements) + " strings, found shape " +
                                  describe_shape(shape));
  const auto count = static_cast<std::size_t>(elements);
  Handle memory_type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_cset(memory_type.get(), H5Tget_cset(file_type.get()));
  std::vector<std::string> out;
  if (H5Tis_variable_str(file_type.get()) > 0) {
    H5Tset_size(memory_type.get(), H5T_VARIABLE);
    std::vector<char*> pointers(count, nullptr);
    if (H5Dread(d.get(), memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) < 0)
      fail(dataset, "NIR-0003", "cannot read the strings");
    for (char* p : pointers) out.emplace_back(p ? p : "");
    H5Dvlen_reclaim(memory_type.get(), space.get(), H5P_DEFAULT, pointers.data());
  } else {
    const std::size_t size = H5Tget_size(file_type.get());
    if (size == 0 || size > kMaxDatasetElements || count * size > kMaxDatasetElements)  // both factors <= 2^28
      fail(dataset, "NIR-0004", "expected at most " + std::to_string(kMaxDatasetElements) + " bytes of strings, found " +
                                    std::to_string(count) + " strings of " + std::to_string(size) + " bytes");
    H5Tset_size(memory_type.get(), size);
    H5Tset_strpad(memory_type.get(), H5Tget_strpad(file_type.get()));
    std::vector<char> buffer(count * size + 1, '\0');
    if (H5Dread(d.get(), memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) < 0)
      fail(dataset, "NIR-0003", "cannot read the strings");
    for (std::size_t i = 0; i < count; ++i) {
      std::string s(buffer.data() + i * size, size);
      s.erase(std::find(s.begin(), s.end(), '\0'), s.end());
      while (!s.empty() && s.back() == ' ') s.pop_back();
      out.push_back(s);
    }
  }
  return out;
}

std::string Hdf5File::read_string(const std::string& dataset) const {
  std::vector<uint64_t> shape;
  const std::vector<std::string> strings = read_strings(dataset, shape);
  if (strings.size() != 1)
    fail(dataset, "NIR-0002", "expected one string, found a string array of shape " + describe_shape(shape));
  return strings[0];
}

Hdf5Array Hdf5File::read_numbers(const std::string& dataset) const {
  Handle d(H5Dopen2(file_, dataset.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.ok()) fail(dataset, "NIR-0002", "expected a numeric dataset, found none");
  Handle type(H5Dget_type(d.get()), H5Tclose);
  const H5T_class_t cls = H5Tget_class(type.get());
  Hdf5Array array;
  array.dtype = element_type_name(type.get());
  if (cls != H5T_FLOAT && cls != H5T_INTEGER)
    fail(dataset, "NIR-0002", "expected a dataset of numbers (integer or float), found a dataset of " + array.dtype);
  Handle space(H5Dget_space(d.get()), H5Sclose);
  array.shape = dataset_shape(space.get());
  if (element_count(array.shape) > kMaxDatasetElements)
    fail(dataset, "NIR-0004", "expected at most " + std::to_string(kMaxDatasetElements) + " values, found shape " +
                                  describe_shape(array.shape));
  array.values.resize(static_cast<std::size_t>(element_count(array.shape)));
  if (!array.values.empty() &&
      H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.values.data()) < 0)
    fail(dataset, "NIR-0003",
         "cannot read the " + array.dtype + " values (damaged data, or a compression filter this HDF5 library lacks)");
  return array;
}

}  // namespace axomesh::flows
