#include "flows/cli/cli.hpp"

int main(int argc, char** argv) { return axomesh::flows::run_cli(argc, argv); }
