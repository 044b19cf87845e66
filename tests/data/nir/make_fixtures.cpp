// Writes the small hand-made .nir fixtures of this folder (see README.md here) with the
// HDF5 C library, in the layout the NIR library writes. Not part of the build; rebuild
// the fixtures with:
//   g++ -std=c++17 -I/usr/include/hdf5/serial make_fixtures.cpp \
//       -L/usr/lib/x86_64-linux-gnu/hdf5/serial -lhdf5 -o /tmp/make_fixtures && /tmp/make_fixtures .
#include <hdf5.h>

#include <string>
#include <utility>
#include <vector>

namespace {

void write_string(hid_t group, const char* name, const std::string& value) {
  hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  hid_t space = H5Screate(H5S_SCALAR);
  hid_t d = H5Dcreate2(group, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  const char* p = value.c_str();
  H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &p);
  H5Dclose(d);
  H5Sclose(space);
  H5Tclose(type);
}

// A gzip-compressed array, as nir.write stores numpy arrays.
void write_array(hid_t group, const char* name, std::vector<hsize_t> shape, const std::vector<double>& values,
                 hid_t file_type) {
  hid_t space = H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr);
  hid_t plist = H5Pcreate(H5P_DATASET_CREATE);
  H5Pset_chunk(plist, static_cast<int>(shape.size()), shape.data());
  H5Pset_deflate(plist, 4);
  hid_t d = H5Dcreate2(group, name, file_type, space, H5P_DEFAULT, plist, H5P_DEFAULT);
  H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
  H5Dclose(d);
  H5Pclose(plist);
  H5Sclose(space);
}

void write_edges(hid_t graph, const std::vector<std::pair<std::string, std::string>>& edges) {
  hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  hsize_t dims[2] = {edges.size(), 2};
  hid_t space = H5Screate_simple(2, dims, nullptr);
  std::vector<const char*> names;
  for (const auto& e : edges) names.push_back(e.first.c_str()), names.push_back(e.second.c_str());
  hid_t d = H5Dcreate2(graph, "edges", type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, names.data());
  H5Dclose(d);
  H5Sclose(space);
  H5Tclose(type);
}

hid_t node(hid_t nodes, const char* name, const char* type) {
  hid_t g = H5Gcreate2(nodes, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  write_string(g, "type", type);
  return g;
}

void io_node(hid_t nodes, const char* name, const char* type, double size) {
  hid_t g = node(nodes, name, type);
  write_array(g, "shape", {1}, {size}, H5T_STD_I64LE);
  H5Gclose(g);
}

void linear(hid_t nodes, const char* name, hsize_t out, hsize_t in, double scale) {
  hid_t g = node(nodes, name, "Linear");
  std::vector<double> w(out * in);
  for (hsize_t k = 0; k < w.size(); ++k) w[k] = scale * (static_cast<double>(k % 5) - 1.5);
  write_array(g, "weight", {out, in}, w, H5T_IEEE_F32LE);
  H5Gclose(g);
}

void lif(hid_t nodes, const char* name, hsize_t n, bool with_tau) {
  hid_t g = node(nodes, name, "LIF");
  if (with_tau) write_array(g, "tau", {n}, std::vector<double>(n, 0.02), H5T_IEEE_F64LE);
  write_array(g, "r", {n}, std::vector<double>(n, 1.0), H5T_IEEE_F64LE);
  write_array(g, "v_leak", {n}, std::vector<double>(n, 0.0), H5T_IEEE_F64LE);
  write_array(g, "v_threshold", {n}, std::vector<double>(n, 1.0), H5T_IEEE_F64LE);
  H5Gclose(g);
}

// A file whose top-level graph is filled by `fill(nodes)` and has `edges`.
template <class Fill>
void write_file(const std::string& path, const char* version, Fill fill,
                const std::vector<std::pair<std::string, std::string>>& edges) {
  hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  write_string(f, "version", version);
  hid_t graph = H5Gcreate2(f, "node", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  write_string(graph, "type", "NIRGraph");
  hid_t nodes = H5Gcreate2(graph, "nodes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  fill(nodes);
  write_edges(graph, edges);
  H5Gclose(nodes);
  H5Gclose(graph);
  H5Fclose(f);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : ".";
  // input(3) -> fc -> rnn{input -> lif <-> w_rec, lif -> output} -> readout -> output(2).
  write_file(dir + "/nested_graph.nir", "1.0.0", [](hid_t nodes) {
    io_node(nodes, "input", "Input", 3);
    linear(nodes, "fc", 4, 3, 0.5);
    hid_t rnn = node(nodes, "rnn", "NIRGraph");
    hid_t inner = H5Gcreate2(rnn, "nodes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    io_node(inner, "input", "Input", 4);
    lif(inner, "lif", 4, true);
    linear(inner, "w_rec", 4, 4, 0.1);
    io_node(inner, "output", "Output", 4);
    write_edges(rnn, {{"input", "lif"}, {"lif", "w_rec"}, {"w_rec", "lif"}, {"lif", "output"}});
    H5Gclose(inner);
    H5Gclose(rnn);
    linear(nodes, "readout", 2, 4, 1.0);
    io_node(nodes, "output", "Output", 2);
  }, {{"input", "fc"}, {"fc", "rnn"}, {"rnn", "readout"}, {"readout", "output"}});
  write_file(dir + "/unsupported_node.nir", "1.0.0", [](hid_t nodes) {
    io_node(nodes, "input", "Input", 3);
    hid_t g = node(nodes, "spiky", "AdEx");
    H5Gclose(g);
    io_node(nodes, "output", "Output", 3);
  }, {{"input", "spiky"}, {"spiky", "output"}});
  write_file(dir + "/missing_tau.nir", "1.0.0", [](hid_t nodes) {
    io_node(nodes, "input", "Input", 4);
    lif(nodes, "lif", 4, false);
    io_node(nodes, "output", "Output", 4);
  }, {{"input", "lif"}, {"lif", "output"}});
  write_file(dir + "/linear_cycle.nir", "1.0.0", [](hid_t nodes) {
    io_node(nodes, "input", "Input", 4);
    linear(nodes, "a", 4, 4, 1.0);
    linear(nodes, "b", 4, 4, 1.0);
    lif(nodes, "lif", 4, true);
    io_node(nodes, "output", "Output", 4);
  }, {{"input", "a"}, {"a", "b"}, {"b", "a"}, {"b", "lif"}, {"lif", "output"}});
  // An LIF whose tau is a gzip-compressed chunk of bytes that do not inflate: damaged data.
  write_file(dir + "/damaged_chunk.nir", "1.0.0", [](hid_t nodes) {
    io_node(nodes, "input", "Input", 4);
    hid_t g = node(nodes, "lif", "LIF");
    const hsize_t shape[1] = {4};
    hid_t space = H5Screate_simple(1, shape, nullptr);
    hid_t plist = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(plist, 1, shape);
    H5Pset_deflate(plist, 4);
    hid_t d = H5Dcreate2(g, "tau", H5T_IEEE_F64LE, space, H5P_DEFAULT, plist, H5P_DEFAULT);
    const hsize_t origin[1] = {0};
    const char garbage[16] = "not a gzip one";
    H5Dwrite_chunk(d, H5P_DEFAULT, 0, origin, sizeof garbage, garbage);
    H5Dclose(d);
    H5Pclose(plist);
    H5Sclose(space);
    write_array(g, "r", {4}, std::vector<double>(4, 1.0), H5T_IEEE_F64LE);
    write_array(g, "v_leak", {4}, std::vector<double>(4, 0.0), H5T_IEEE_F64LE);
    write_array(g, "v_threshold", {4}, std::vector<double>(4, 1.0), H5T_IEEE_F64LE);
    H5Gclose(g);
    io_node(nodes, "output", "Output", 4);
  }, {{"input", "lif"}, {"lif", "output"}});
  // A node group without the "type" dataset that names its primitive.
  write_file(dir + "/untyped_node.nir", "1.0.0", [](hid_t nodes) {
    io_node(nodes, "input", "Input", 3);
    H5Gclose(H5Gcreate2(nodes, "mystery", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    io_node(nodes, "output", "Output", 3);
  }, {{"input", "mystery"}, {"mystery", "output"}});
  // An edge to a node the graph does not have.
  write_file(dir + "/dangling_edge.nir", "1.0.0", [](hid_t nodes) {
    io_node(nodes, "input", "Input", 4);
    lif(nodes, "lif", 4, true);
    io_node(nodes, "output", "Output", 4);
  }, {{"input", "lif"}, {"lif", "readout"}});
  return 0;
}
