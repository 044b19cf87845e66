#include "flows/cli.hpp"

int main(int argc, char** argv) { return spikeforge::flows::run_cli(argc, argv); }
