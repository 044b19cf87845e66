// Import of SANA-FE's YAML network format: the real DVS-gesture file, conv2d and dense
// index conventions on hand-built cases, parameter conversion, and bad input.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

#include <catch2/catch.hpp>

#include "flows/sanafe/sanafe_network.hpp"
#include "model/base/diagnostic.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

std::string write_yaml(const std::string& name, const std::string& text) {
  const std::string path = test::temporary_folder("sanafe_network") + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// (pre, post, weight) of every synapse from group `pre` to group `post`, sorted.
std::set<std::tuple<uint32_t, uint32_t, int32_t>> synapses(const flows::SanafeNetwork& net, const std::string& pre,
                                                           const std::string& post) {
  std::set<std::tuple<uint32_t, uint32_t, int32_t>> out;
  for (const model::Projection& p : net.network.projections)
    if (p.pre == pre && p.post == post)
      for (std::size_t k = 0; k < p.weights.size(); ++k) out.insert({p.pre_index[k], p.post_index[k], p.weights[k]});
  return out;
}

const char* kGroups = R"(network:
  name: hand
  groups:
  - name: a
    attributes: {threshold: 10, reset: 0, leak_decay: 1.0}
    neurons:
    - 0..17: {}
  - name: b
    attributes: {threshold: 10, reset: 0}
    neurons:
    - 0..7: {}
)";

}  // namespace

TEST_CASE("SANA-FE import: dvs.yaml groups, synapses and mapping", "[sanafe]") {
  const std::string path = std::string(AXOMESH_SHARED_DIR) + "/vectors/sanafe/dvs.yaml";
  if (!std::filesystem::exists(path)) {
    WARN("skipped: " << path << " not found");
    return;
  }
  const flows::SanafeNetwork net = flows::read_sanafe_network(path);
  // README.txt: 18,678 neurons in 6 groups (1024, 3600, 5408, 7744, 891, 11), 3,564,441 synapses.
  std::vector<uint32_t> sizes;
  for (const auto& p : net.network.populations) sizes.push_back(p.size);
  CHECK(sizes == std::vector<uint32_t>{1024, 3600, 5408, 7744, 891, 11});
  CHECK(net.synapses == 3564441);
  CHECK(net.network.synapse_count() == 3564441);
  // Conv layer sizes by hand: 32x32x1 -> 15x15x16 (stride 2) -> 13x13x32 -> 11x11x64 -> 9x9x11; 891*11 dense.
  CHECK(synapses(net, "0", "1").size() == 15 * 15 * 16 * 9);
  CHECK(synapses(net, "4", "5").size() == 891 * 11);
  // Every neuron mapped, onto 49 cores of 13 tiles.
  CHECK(net.mapped_neurons == 18678);
  std::set<std::pair<uint32_t, uint32_t>> cores;
  std::set<uint32_t> tiles;
  for (const auto& group : net.mapping)
    for (const flows::SanafeCore& c : group) {
      cores.insert({c.tile, c.core});
      tiles.insert(c.tile);
    }
  CHECK(cores.size() == 49);
  CHECK(tiles.size() == 13);
  CHECK(net.mapping[5][10] == flows::SanafeCore{0, 0});  // "- {'5.10': {core: '0.0'}}"
  // Parameters: threshold 255 of group 0, 420 of group 1; leak 4095/4096 -> dv 1; no input
  // decay -> du 4095; bias 6 of neuron 2 of group 0 -> 6 * 64 in v units.
  const model::LoihiLifParams& g0 = net.network.populations[0].lif;
  CHECK(g0.vth[0] == 255);
  CHECK(net.network.populations[1].lif.vth[0] == 420);
  CHECK(g0.dv[0] == 1);
  CHECK(g0.du[0] == 4095);
  CHECK(g0.bias_mant[2] * (1 << g0.bias_exp[2]) == 6 * 64);
  CHECK(g0.bias_mant[0] == 0);
  // Four weights beyond +-255 (-261 in 0->1 and 1->2, two in the dense 4->5) are clipped.
  CHECK(std::any_of(net.conversion_notes.begin(), net.conversion_notes.end(),
                    [](const std::string& n) { return n.find("clipped") != std::string::npos; }));
  CHECK(net.edges[0].synapse_hw == "loihi_conv_synapse");
  CHECK(net.edges.back().synapse_hw == "loihi_dense_synapse");  // 4 -> 5: the target group's unit
}

TEST_CASE("SANA-FE import: conv2d index convention on a hand-built case", "[sanafe]") {
  // Input 3 wide, 2 high, 2 channels (c*H*W + y*W + x); kernel 2x2, 1 kernel, stride 1 ->
  // output 2 wide, 1 high. Weight index ((ky*KW + kx)*C + c)*K + k = (ky*2 + kx)*2 + c.
  std::string text = kGroups;
  text += R"(  edges:
  - a -> b:
      type: conv2d
      input_width: 3
      input_height: 2
      input_channels: 2
      kernel_width: 2
      kernel_height: 2
      kernel_count: 1
      stride_width: 1
      stride_height: 1
      weight: [1, 2, 3, 4, 5, 6, 7, 8]
)";
  // Groups: a must have 3*2*2 = 12 neurons and b 2: use matching sizes.
  text.replace(text.find("0..17"), 5, "0..11");
  text.replace(text.find("0..7"), 4, "0..1");
  const flows::SanafeNetwork net = flows::read_sanafe_network(write_yaml("conv.yaml", text));
  // Output ox = 0: inputs (x, y) in {0,1} x {0,1}; output ox = 1: x in {1,2}.
  // weight(ky, kx, c) = 1 + (ky*2 + kx)*2 + c; input id = c*6 + y*3 + x.
  std::set<std::tuple<uint32_t, uint32_t, int32_t>> expected;
  for (uint32_t ox = 0; ox < 2; ++ox)
    for (uint32_t ky = 0; ky < 2; ++ky)
      for (uint32_t kx = 0; kx < 2; ++kx)
        for (uint32_t c = 0; c < 2; ++c)
          expected.insert({c * 6 + ky * 3 + ox + kx, ox, static_cast<int32_t>(1 + (ky * 2 + kx) * 2 + c)});
  CHECK(synapses(net, "a", "b") == expected);
  CHECK(net.synapses == 16);
  // Spot checks written out: input (c=1, y=1, x=2) = 11 reaches output 1 with ky=1, kx=1, c=1 -> weight 8.
  CHECK(expected.count({11, 1, 8}) == 1);
  CHECK(expected.count({0, 0, 1}) == 1);
}

TEST_CASE("SANA-FE import: strided conv2d with two kernels, and dense indices", "[sanafe]") {
  // Input 5x5x1, kernel 3x3, stride 2 -> output 2x2 per kernel, 2 kernels -> 8 outputs.
  // Weight index (ky*3 + kx)*2 + k: kernel 0 takes the even entries, kernel 1 the odd.
  std::string text = kGroups;
  text.replace(text.find("0..17"), 5, "0..24");
  text += R"(  edges:
  - a -> b:
      type: conv2d
      input_width: 5
      input_height: 5
      input_channels: 1
      kernel_width: 3
      kernel_height: 3
      kernel_count: 2
      stride_width: 2
      stride_height: 2
      weight: [10, -1, 11, -2, 12, -3, 13, -4, 14, -5, 15, -6, 16, -7, 17, -8, 18, -9]
  - b -> a:
      type: dense
      weight: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
               26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50,
               51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75,
               76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100,
               101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120,
               121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140,
               141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160,
               161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180,
               181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199, 200]
)";
  const flows::SanafeNetwork net = flows::read_sanafe_network(write_yaml("strided.yaml", text));
  const auto conv = synapses(net, "a", "b");
  CHECK(conv.size() == 8 * 9);
  // Output 3 = kernel 0, oy 1, ox 1: its window starts at input (x 2, y 2) = 12, weight 10
  // at (ky 0, kx 0); its last tap (ky 2, kx 2) is input (4, 4) = 24 with weight 18.
  CHECK(conv.count({12, 3, 10}) == 1);
  CHECK(conv.count({24, 3, 18}) == 1);
  // Output 4 = kernel 1, oy 0, ox 0: input 0 with weight -1, input (2, 2) = 12 with -9.
  CHECK(conv.count({0, 4, -1}) == 1);
  CHECK(conv.count({12, 4, -9}) == 1);
  // Dense b (8) -> a (25): weight index src * 25 + dst, so weight w = src * 25 + dst + 1.
  const auto dense = synapses(net, "b", "a");
  CHECK(dense.size() == 200);
  CHECK(dense.count({0, 0, 1}) == 1);
  CHECK(dense.count({1, 0, 26}) == 1);
  CHECK(dense.count({7, 24, 200}) == 1);
}

TEST_CASE("SANA-FE import: single and sparse edges, ranges, per-neuron attributes", "[sanafe]") {
  const std::string text = R"(network:
  name: small
  groups:
  - name: in
    attributes: {threshold: 2.5, leak_decay: 0.5}
    neurons:
    - 0: {bias: 0.5}
    - 1..2: {bias: 3}
  - name: out
    attributes: {threshold: 7}
    neurons:
    - 0..1: {}
  edges:
  - in.0 -> out.1: {weight: 5}
  - in.2 -> out.0: {weight: -3}
  - in -> out:
      type: sparse
      source_target_pairs: [[1, 0], [1, 1]]
      weight: [2, 4]
mappings:
- {in: {core: '1.0'}}
- {out.0..1: {core: '0.1'}}
)";
  const flows::SanafeNetwork net = flows::read_sanafe_network(write_yaml("single.yaml", text));
  const auto s = synapses(net, "in", "out");
  CHECK(s == std::set<std::tuple<uint32_t, uint32_t, int32_t>>{{0, 1, 5}, {2, 0, -3}, {1, 0, 2}, {1, 1, 4}});
  const model::LoihiLifParams& lif = net.network.populations[0].lif;
  CHECK(lif.dv[0] == 2048);  // 4096 * (1 - 0.5)
  CHECK(lif.bias_mant[0] * (1 << lif.bias_exp[0]) == 32);   // 0.5 * 64
  CHECK(lif.bias_mant[1] * (1 << lif.bias_exp[1]) == 192);  // 3 * 64
  CHECK(lif.vth[0] == 2);  // 2.5 has no exact form: floor, and a note
  CHECK(std::any_of(net.conversion_notes.begin(), net.conversion_notes.end(),
                    [](const std::string& n) { return n.find("threshold 2.5") != std::string::npos; }));
  CHECK(net.mapping[0][2] == flows::SanafeCore{1, 0});
  CHECK(net.mapping[1][1] == flows::SanafeCore{0, 1});
}

TEST_CASE("SANA-FE import: bad input names the file, the line and the attribute", "[sanafe]") {
  auto error_of = [](const std::string& name, const std::string& text) {
    try {
      flows::read_sanafe_network(write_yaml(name, text));
    } catch (const model::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  std::string unsupported = kGroups;
  unsupported.replace(unsupported.find("reset: 0, leak_decay"), 8, "noise: x");
  const std::string e1 = error_of("unsupported.yaml", unsupported);
  CHECK(e1.find("unsupported attribute noise") != std::string::npos);
  CHECK(e1.find("unsupported.yaml: line 5") != std::string::npos);
  CHECK(e1.find("SFE-0203") != std::string::npos);

  const std::string e2 = error_of("conv.yaml", std::string(kGroups) + R"(  edges:
  - a -> b: {type: conv2d, input_width: 3, input_height: 3, input_channels: 1, kernel_width: 2, kernel_height: 2,
             kernel_count: 1, weight: [1, 2, 3, 4]}
)");
  CHECK(e2.find("SFE-0411") != std::string::npos);  // 9 inputs and 4 outputs do not match 18 and 8
  CHECK(error_of("type.yaml", std::string(kGroups) + "  edges:\n  - a -> b: {type: pool, weight: [1]}\n").find("SFE-0413") !=
        std::string::npos);
  CHECK(error_of("reset.yaml", std::string(kGroups).replace(std::string(kGroups).find("reset: 0"), 8, "reset: 1")).find(
            "SFE-0204") != std::string::npos);
  CHECK(error_of("syntax.yaml", "{network: {name: x\n").find("SFE-0001") != std::string::npos);
  CHECK(error_of("unmapped.yaml", std::string(kGroups) + "mappings:\n- {a: {core: '0.0'}}\n").find("SFE-0306") !=
        std::string::npos);
  CHECK(error_of("missing.yaml", "").find("SFE-0003") != std::string::npos);
}
