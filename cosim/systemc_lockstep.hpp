// cosim::run_systemc_lockstep -- the lockstep comparison with ChipSim (lockstep.hpp) run
// inside a SystemC co-simulation (SystemcRunner): the same comparison and Mismatch report
// as the C++ harness, all in RTL or with one core replaced by the SystemC core model.
#pragma once

#include <cstdint>
#include <optional>

#include "cosim/lockstep.hpp"
#include "cosim/systemc_runner.hpp"

namespace axomesh::cosim {

// Runs `image` in lockstep with ChipSim (memories always loaded through the configuration
// port; waveforms are not recorded). With `systemc_core`, that core is the SystemC model;
// its spikes, u and v are compared like every core's. `systemc_image`, when given, is what
// the SystemC core runs instead of its core of `image` (ChipSim still runs `image`): a way
// to check that a wrong core is caught. Throws model::InputError (COS-0002) when
// `systemc_core` is not a core of the image, and as run_lockstep does.
LockstepResult run_systemc_lockstep(SystemcRunner& runner, const model::ChipImage& image,
                                    const rtl_gen::RtlGeometry& geometry, const LockstepOptions& options,
                                    std::optional<uint32_t> systemc_core = std::nullopt,
                                    const model::CoreImage* systemc_image = nullptr);

}  // namespace axomesh::cosim
