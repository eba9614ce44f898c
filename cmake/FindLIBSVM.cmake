# Finds libsvm (Debian: libsvm-dev), which ships neither a CMake package nor a pkg-config
# file. Defines LIBSVM_FOUND, LIBSVM_INCLUDE_DIR, LIBSVM_LIBRARY and the imported target
# LIBSVM::LIBSVM (include with <libsvm/svm.h>). Installed next to stylokitConfig.cmake,
# because the classify stage is a static library that links libsvm privately: a program
# linking it needs the library, though no stylokit header includes libsvm's.
find_path(LIBSVM_INCLUDE_DIR NAMES libsvm/svm.h)
find_library(LIBSVM_LIBRARY NAMES svm)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LIBSVM REQUIRED_VARS LIBSVM_LIBRARY LIBSVM_INCLUDE_DIR)
mark_as_advanced(LIBSVM_INCLUDE_DIR LIBSVM_LIBRARY)

if(LIBSVM_FOUND AND NOT TARGET LIBSVM::LIBSVM)
  # GLOBAL: the stage libraries are static, so every program linking the classify stage
  # names this target, from whatever folder it is defined in.
  add_library(LIBSVM::LIBSVM UNKNOWN IMPORTED GLOBAL)
  set_target_properties(LIBSVM::LIBSVM PROPERTIES
    IMPORTED_LOCATION "${LIBSVM_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LIBSVM_INCLUDE_DIR}")
endif()
