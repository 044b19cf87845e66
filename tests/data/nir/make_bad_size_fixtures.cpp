// Writes the .nir fixtures the importer must reject before it allocates or recurses
// without end (tests/flows/nir/nir_bad_values_test.cpp): a graph holding a hard link to
// itself, graphs nested 65 levels deep, and datasets declaring more elements than any
// network holds, stored chunked with no data written so that each file stays a few
// kilobytes. Not part of the build;
// rebuild the fixtures with:
//   g++ -std=c++17 -I/usr/include/hdf5/serial make_bad_size_fixtures.cpp \
//       -L/usr/lib/x86_64-linux-gnu/hdf5/serial -lhdf5 -o /tmp/make_bad_size_fixtures && /tmp/make_bad_size_fixtures .
#include <hdf5.h>

#include <string>
#include <vector>

namespace {

hid_t string_type() {
  hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  return type;
}

void write_string(hid_t group, const char* name, const std::string& value) {
  hid_t type = string_type();
  hid_t space = H5Screate(H5S_SCALAR);
  hid_t d = H5Dcreate2(group, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  const char* p = value.c_str();
  H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &p);
  H5Dclose(d);
  H5Sclose(space);
  H5Tclose(type);
}

void write_shape(hid_t group, double size) {
  hsize_t one = 1;
  hid_t space = H5Screate_simple(1, &one, nullptr);
  hid_t d = H5Dcreate2(group, "shape", H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &size);
  H5Dclose(d);
  H5Sclose(space);
}

// A dataset of `dims` that is never written: chunked, no fill, so it takes no space.
void declare_only(hid_t group, const char* name, std::vector<hsize_t> dims, hid_t type) {
  hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
  std::vector<hsize_t> chunk(dims.size(), 1);
  hid_t plist = H5Pcreate(H5P_DATASET_CREATE);
  H5Pset_chunk(plist, static_cast<int>(chunk.size()), chunk.data());
  H5Pset_fill_time(plist, H5D_FILL_TIME_NEVER);
  hid_t d = H5Dcreate2(group, name, type, space, H5P_DEFAULT, plist, H5P_DEFAULT);
  H5Dclose(d);
  H5Pclose(plist);
  H5Sclose(space);
}

void empty_edges(hid_t graph) {
  hsize_t dims[2] = {0, 2};
  hid_t type = string_type();
  hid_t space = H5Screate_simple(2, dims, nullptr);
  hid_t d = H5Dcreate2(graph, "edges", type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  H5Dclose(d);
  H5Sclose(space);
  H5Tclose(type);
}

hid_t group(hid_t parent, const char* name, const char* type) {
  hid_t g = H5Gcreate2(parent, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (type) write_string(g, "type", type);
  return g;
}

// /node: NIRGraph with an Input "input" and whatever `add` puts beside it.
template <typename Add>
void write_graph(const std::string& path, Add add) {
  hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  hid_t root = group(file, "node", "NIRGraph");
  hid_t nodes = group(root, "nodes", nullptr);
  hid_t input = group(nodes, "input", "Input");
  write_shape(input, 2);
  H5Gclose(input);
  add(file, root, nodes);
  H5Gclose(nodes);
  H5Gclose(root);
  H5Fclose(file);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : ".";
  // /node/nodes/again is a hard link to /node: the graph contains itself.
  write_graph(dir + "/graph_link_cycle.nir", [](hid_t file, hid_t root, hid_t) {
    H5Lcreate_hard(file, "/node", file, "/node/nodes/again", H5P_DEFAULT, H5P_DEFAULT);
    empty_edges(root);
  });
  // A Linear weight of shape (2^20, 2^20): 2^40 values.
  write_graph(dir + "/huge_weight.nir", [](hid_t, hid_t root, hid_t nodes) {
    hid_t fc = group(nodes, "fc", "Linear");
    declare_only(fc, "weight", {hsize_t{1} << 20, hsize_t{1} << 20}, H5T_IEEE_F32LE);
    H5Gclose(fc);
    empty_edges(root);
  });
  // An edge list of shape (2^13, 2) of fixed-length strings of 2^20 bytes: 2^34 bytes.
  write_graph(dir + "/huge_edges.nir", [](hid_t, hid_t root, hid_t) {
    hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, std::size_t{1} << 20);
    declare_only(root, "edges", {hsize_t{1} << 13, 2}, type);
    H5Tclose(type);
  });
  // Graphs nested 65 levels deep (/node/nodes/g/nodes/g/...), one more than the reader takes.
  write_graph(dir + "/graph_nested_65.nir", [](hid_t, hid_t root, hid_t nodes) {
    empty_edges(root);
    hid_t parent_nodes = nodes;
    for (int level = 2; level <= 65; ++level) {
      hid_t g = group(parent_nodes, "g", "NIRGraph");
      empty_edges(g);
      hid_t g_nodes = group(g, "nodes", nullptr);
      H5Gclose(g);
      if (parent_nodes != nodes) H5Gclose(parent_nodes);
      parent_nodes = g_nodes;
    }
    H5Gclose(parent_nodes);
  });
  return 0;
}
