# Warnings on for our own targets only (vendor headers are included as SYSTEM).
add_library(adasolve_warnings INTERFACE)
target_compile_options(adasolve_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(ADASOLVE_WERROR)
  target_compile_options(adasolve_warnings INTERFACE -Werror)
endif()

if(ADASOLVE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# libFuzzer builds (tests/fuzz): every target gets coverage instrumentation and ASan+UBSan, the fuzz
# executables add the libFuzzer main. clang only.
if(ADASOLVE_FUZZ AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
