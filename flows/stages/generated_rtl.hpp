// The RTL folder `axomesh rtl` wrote, read back for the stages that continue from it
// (lint, synth, cosim): its file list OUT/axomesh_chip.f and every file the list names, as
// they are now -- a leaf module edited by hand there is what those stages check.
#pragma once

#include <string>
#include <vector>

#include "rtl_gen/rtl_writer.hpp"

namespace axomesh::flows {

struct GeneratedRtl {
  std::string file_list;                       // OUT/axomesh_chip.f
  std::vector<std::string> sources;            // the files it names, relative to OUT, in its order
  std::vector<rtl_gen::GeneratedFile> files;   // those files' texts, then the file list itself
};

// Reads the file list of `rtl_out` (FLOW-0013 when there is none: `axomesh rtl` has not
// written there) and the files it names, one a line, relative to the list's folder. Lines
// starting with '-' or '+' are Verilator options, kept in the list's text but not read as
// files; empty lines and `//` comments are skipped. A named file that is missing, or a path
// leading out of the folder, is FLOW-0015 naming the line.
GeneratedRtl read_generated_rtl(const std::string& rtl_out);

}  // namespace axomesh::flows
