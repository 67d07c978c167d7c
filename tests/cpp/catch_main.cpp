// SPDX-License-Identifier: MIT
// Catch2's main in its own TU, so editing a test file does not recompile it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
