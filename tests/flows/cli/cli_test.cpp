// The axomesh command line end to end: simulate, trace formats, probes, demo, help.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "flows/formats/network_json.hpp"
#include "model/sim/network_sim.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;
using nlohmann::json;

TEST_CASE("simulate writes the trace of the network's own simulation", "[flows][cli]") {
  const std::string dir = test::temporary_folder("cli-simulate");
  model::Network net = test::random_network(21, 25, 0.2, 4);
  net.probes.clear();
  flows::save_network(net, dir + "/net.json");

  const auto r = test::run_cli("simulate " + dir + "/net.json --steps 120 --probe net:spikes,u:3,7 --out " + dir +
                               "/trace.json --stats " + dir + "/stats.json");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("synaptic ops") != std::string::npos);

  net.probes.push_back({"net", true, true, false, {3, 7}});
  model::NetworkSim sim(net);
  sim.run(120);
  const json trace = json::parse(test::read_file(dir + "/trace.json"));
  CHECK(trace["steps"] == 120);
  const auto& record = sim.trace().spikes.at(0);
  REQUIRE(trace["spikes"][0]["events"].size() == record.count());
  for (uint64_t s = 0, i = 0; s < 120; ++s)
    for (uint64_t k = record.step_begin[s]; k < record.step_begin[s + 1]; ++k, ++i)
      CHECK(trace["spikes"][0]["events"][i] == json::array({s, record.neuron[k]}));
  CHECK(trace["states"][0]["field"] == "u");
  CHECK(trace["states"][0]["values"][119][1] == sim.u(0)[7]);
  const json stats = json::parse(test::read_file(dir + "/stats.json"));
  CHECK(stats["total"]["synaptic_ops"] == sim.stats().total().synaptic_ops);
  CHECK(stats["units"][0]["per_step"].size() == 120);
}

TEST_CASE("simulate writes CSV rows per event", "[flows][cli]") {
  const std::string dir = test::temporary_folder("cli-csv");
  model::Network net = test::one_layer(1, 2, {{0, 2}});
  net.populations[0].lif.vth = 0;  // any positive input spikes
  model::Projection p = test::sparse_projection("p", "in", "out");
  p.pre_index = {0};
  p.post_index = {1};
  p.weights = {50};
  net.projections.push_back(p);
  net.probes.push_back({"out", true, false, true, {1}});
  flows::save_network(net, dir + "/net.json");
  const auto r = test::run_cli("simulate " + dir + "/net.json -n 4 -o " + dir + "/trace.csv");
  REQUIRE(r.exit_code == 0);
  // Inputs at steps 0 and 2 arrive at steps 1 and 3: neuron 1 spikes there and resets.
  CHECK(test::read_file(dir + "/trace.csv") ==
        "step,population,neuron,field,value\n"
        "0,out,1,v,0\n"
        "1,out,1,spike,1\n"
        "1,out,1,v,0\n"
        "2,out,1,v,0\n"
        "3,out,1,spike,1\n"
        "3,out,1,v,0\n");
}

TEST_CASE("every command has --help and the demo runs", "[flows][cli]") {
  for (const char* command : {"simulate", "demo", "validate"}) {
    const auto r = test::run_cli(std::string(command) + " --help");
    INFO(command);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("Usage:") != std::string::npos);
  }
  CHECK(test::run_cli("--help").exit_code == 0);
  const std::string dir = test::temporary_folder("cli-demo");
  // The software stages only: the RTL stages of the demo flow are checked by the flow tests.
  const auto r = test::run_cli("demo --steps 300 --until report --out " + dir);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  for (const char* file : {"network.json", "trace.json", "activity.json"})
    CHECK(std::filesystem::exists(dir + "/" + file));
  CHECK(test::run_cli("validate " + dir + "/network.json").exit_code == 0);
}
