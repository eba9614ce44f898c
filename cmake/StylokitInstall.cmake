# Installation and the CMake package, in one place (included after toolkit/).
#
#   bin/                      stylokit (the launcher) and stylokit-core, side by side: the
#                             launcher executes the core from its own folder
#   lib/                      the stage libraries
#   lib/cmake/stylokit/       stylokitConfig.cmake: find_package(stylokit CONFIG) gives
#                             stylokit::stylokit (all stages) and stylokit::<stage>
#   include/stylokit/         stylokit.h and toolkit/<stage>/*.h (never internal/ headers)
#   share/stylokit/           stopwords/, cleaning/ and pronouns/, found by data_dir() (common/io.h)
include(CMakePackageConfigHelpers)

set(STYLOKIT_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/stylokit)
set(STYLOKIT_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/stylokit)

# Every stage library that this build has, in any toolkit/<stage>/ folder (the CLI is not
# a library). A stage exported as stylokit::<stage>, the name it has inside the build.
set(STYLOKIT_STAGE_TARGETS)
file(GLOB _stage_dirs LIST_DIRECTORIES true ${PROJECT_SOURCE_DIR}/toolkit/*)
foreach(dir ${_stage_dirs})
  get_filename_component(stage ${dir} NAME)
  if(IS_DIRECTORY ${dir} AND NOT stage STREQUAL "cli" AND TARGET stylokit_${stage})
    set_target_properties(stylokit_${stage} PROPERTIES EXPORT_NAME ${stage})
    list(APPEND STYLOKIT_STAGE_TARGETS stylokit_${stage})
  endif()
endforeach()

# stylokit::stylokit: the whole library. The umbrella header sits in the build tree under
# include/stylokit/ too, so that <stylokit/stylokit.h> resolves the same way in both.
configure_file(${PROJECT_SOURCE_DIR}/toolkit/stylokit.h ${PROJECT_BINARY_DIR}/include/stylokit/stylokit.h COPYONLY)
add_library(stylokit_library INTERFACE)
add_library(stylokit::stylokit ALIAS stylokit_library)
set_target_properties(stylokit_library PROPERTIES EXPORT_NAME stylokit)
target_link_libraries(stylokit_library INTERFACE ${STYLOKIT_STAGE_TARGETS})
target_include_directories(stylokit_library INTERFACE
  $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

install(TARGETS stylokit stylokit_core RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS stylokit_options stylokit_library ${STYLOKIT_STAGE_TARGETS}
  EXPORT stylokitTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(FILES ${PROJECT_SOURCE_DIR}/toolkit/stylokit.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/stylokit)
# Headers of the stages only; a stage's private headers live in its internal/ folder.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/toolkit/
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/stylokit/toolkit
  FILES_MATCHING PATTERN "*.h"
  PATTERN "internal" EXCLUDE
  PATTERN "cli" EXCLUDE
  REGEX "/toolkit/stylokit\\.h$" EXCLUDE)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/stopwords ${PROJECT_SOURCE_DIR}/data/cleaning ${PROJECT_SOURCE_DIR}/data/pronouns
  DESTINATION ${STYLOKIT_INSTALL_DATADIR})

install(EXPORT stylokitTargets NAMESPACE stylokit:: DESTINATION ${STYLOKIT_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/stylokitConfig.cmake.in
  ${PROJECT_BINARY_DIR}/stylokitConfig.cmake
  INSTALL_DESTINATION ${STYLOKIT_INSTALL_CMAKEDIR}
  PATH_VARS STYLOKIT_INSTALL_DATADIR)
# 0.x: a minor release may break the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/stylokitConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/stylokitConfig.cmake ${PROJECT_BINARY_DIR}/stylokitConfigVersion.cmake
  DESTINATION ${STYLOKIT_INSTALL_CMAKEDIR})
# The find modules of the dependencies that have no CMake package of their own.
install(FILES ${PROJECT_SOURCE_DIR}/cmake/FindLIBSVM.cmake DESTINATION ${STYLOKIT_INSTALL_CMAKEDIR})
