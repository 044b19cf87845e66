// Tool directives for the HLS kernels. An HLS compiler defines __SYNTHESIS__ and then sees
// each directive as a pragma; a normal C++ compiler sees nothing, so the kernels build
// warning-free everywhere and C-simulation runs the very code that is synthesised.
#pragma once

#ifdef __SYNTHESIS__
#define AXOMESH_HLS_PRAGMA(directive) _Pragma(#directive)
#else
#define AXOMESH_HLS_PRAGMA(directive)
#endif
