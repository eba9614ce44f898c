# Installs this build into a temporary prefix outside the source tree and uses it as a user
# would: builds examples/consumer against the CMake package, compiles every installed header
# on its own, and runs the installed CLI on a copy of the letters experiment from another
# folder with STYLOKIT_DATA_DIR unset. Fails on the first step that does not hold.
#
# Inputs (-D): BINARY_DIR, SOURCE_DIR, VERSION, LIBDIR (relative), GENERATOR, CXX_COMPILER,
# BUILD_TYPE, PYTHON_INSTALL_DIR (relative; empty without the Python module). A compiler launcher (ccache) set in the environment applies to the builds here.

cmake_minimum_required(VERSION 3.20)

function(fail)
  string(JOIN "" message ${ARGN})
  message(FATAL_ERROR "install test: ${message}\n(files kept in ${tmp})")
endfunction()

# run(<name> COMMAND ... [WORKING_DIRECTORY dir]) runs a command, fails with its output when
# it exits non-zero, and leaves its standard output in <name>_out.
function(run name)
  cmake_parse_arguments(R "" "WORKING_DIRECTORY" "COMMAND" ${ARGN})
  if(NOT R_WORKING_DIRECTORY)
    set(R_WORKING_DIRECTORY ${tmp})
  endif()
  execute_process(COMMAND ${R_COMMAND} WORKING_DIRECTORY ${R_WORKING_DIRECTORY}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(JOIN " " cmd ${R_COMMAND})
    fail("${name} failed (${rc}): ${cmd}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
  set(${name}_out "${out}" PARENT_SCOPE)
endfunction()

# A fresh folder under the system's temporary folder: outside the source tree, so that
# nothing found there can come from it.
if(DEFINED ENV{TMPDIR} AND IS_DIRECTORY "$ENV{TMPDIR}")
  set(tmp_root "$ENV{TMPDIR}")
else()
  set(tmp_root /tmp)
endif()
string(RANDOM LENGTH 10 suffix)
set(tmp ${tmp_root}/stylokit-install-test-${suffix})
file(MAKE_DIRECTORY ${tmp})
# The installed programs see their own path without symlinks; so do the checks below.
file(REAL_PATH ${tmp} tmp)
set(prefix ${tmp}/prefix)

# 1. Install, and check the layout.
run(install COMMAND ${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${prefix})
foreach(f bin/stylokit bin/stylokit-core include/stylokit/stylokit.h
          include/stylokit/toolkit/common/version.h include/stylokit/toolkit/features/vectorizer.h
          ${LIBDIR}/cmake/stylokit/stylokitConfig.cmake ${LIBDIR}/cmake/stylokit/stylokitConfigVersion.cmake
          ${LIBDIR}/cmake/stylokit/stylokitTargets.cmake
          share/stylokit/cleaning/news.toml share/stylokit/stopwords/english.txt share/stylokit/pronouns/english.txt)
  if(NOT EXISTS ${prefix}/${f})
    fail("not installed: ${prefix}/${f}")
  endif()
endforeach()
file(GLOB_RECURSE private_headers LIST_DIRECTORIES true ${prefix}/include/*)
list(FILTER private_headers INCLUDE REGEX "/internal(/|$)|/toolkit/cli(/|$)")
if(private_headers)
  fail("private headers installed: ${private_headers}")
endif()

set(configure_args -G ${GENERATOR} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    -DCMAKE_BUILD_TYPE=${BUILD_TYPE})

# 2. The consumer example, built against the package and run.
run(consumer_configure COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/consumer -B ${tmp}/consumer ${configure_args})
run(consumer_build COMMAND ${CMAKE_COMMAND} --build ${tmp}/consumer)
run(consumer COMMAND ${tmp}/consumer/stylokit_consumer)
string(REGEX REPLACE "\\." "\\\\." version_re "${VERSION}")
if(NOT consumer_out MATCHES "^stylokit ${version_re} \\(([0-9a-f]+|unknown)\\)\n")
  fail("consumer did not print the version ${VERSION}:\n${consumer_out}")
endif()
if(NOT consumer_out MATCHES "cosine a b 0\\.[0-9]*[1-9][0-9]*\n"
   OR NOT consumer_out MATCHES "cosine a c 0\\.000000\n" OR NOT consumer_out MATCHES "cosine b c 0\\.000000\n")
  fail("consumer printed unexpected similarities:\n${consumer_out}")
endif()

# 3. Every installed header compiles with only the package's target: none may include a
# header that is not installed, or a dependency the package does not provide.
file(GLOB_RECURSE headers RELATIVE ${prefix}/include/stylokit ${prefix}/include/stylokit/*.h)
set(header_project ${tmp}/headers-src)
set(includes "")
foreach(h ${headers})
  string(APPEND includes "#include \"${h}\"\n")
endforeach()
file(WRITE ${header_project}/all_headers.cpp "${includes}")
file(WRITE ${header_project}/CMakeLists.txt "cmake_minimum_required(VERSION 3.20)
project(stylokit_headers LANGUAGES CXX)
find_package(stylokit ${VERSION} EXACT CONFIG REQUIRED)
add_library(headers OBJECT all_headers.cpp)
target_link_libraries(headers PRIVATE stylokit::stylokit)
")
run(headers_configure COMMAND ${CMAKE_COMMAND} -S ${header_project} -B ${tmp}/headers ${configure_args})
run(headers_build COMMAND ${CMAKE_COMMAND} --build ${tmp}/headers)

# 4. The installed CLI on the letters experiment, copied out of the source tree and run from
# another folder with no data folder named: "news" cleaning rules and the "english" stop
# words must come from <prefix>/share/stylokit.
file(COPY ${SOURCE_DIR}/experiments/letters.toml DESTINATION ${tmp}/work/experiments)
file(COPY ${SOURCE_DIR}/data/letters DESTINATION ${tmp}/work/data)
file(MAKE_DIRECTORY ${tmp}/elsewhere)
set(cli ${CMAKE_COMMAND} -E env --unset=STYLOKIT_DATA_DIR ${prefix}/bin/stylokit)
run(version COMMAND ${cli} --version)
if(NOT version_out MATCHES "^stylokit ${version_re} ")
  fail("stylokit --version printed: ${version_out}")
endif()
run(experiment COMMAND ${cli} run ${tmp}/work/experiments/letters.toml --out ${tmp}/work/results
    WORKING_DIRECTORY ${tmp}/elsewhere)
foreach(f manifest.json report.html features.mtx)
  if(NOT EXISTS ${tmp}/work/results/${f})
    fail("stylokit run wrote no ${f} in ${tmp}/work/results:\n${experiment_out}")
  endif()
endforeach()
file(READ ${tmp}/work/results/manifest.json manifest)
if(NOT manifest MATCHES "\"version\": \"${version_re}\"")
  fail("manifest.json does not record version ${VERSION}")
endif()

# 4b. The installed Python module (when built: PYTHON_INSTALL_DIR, relative to the prefix),
# imported from the prefix by Debian's python3 from another folder; its stop words must come
# from <prefix>/share/stylokit.
if(PYTHON_INSTALL_DIR)
  set(site ${prefix}/${PYTHON_INSTALL_DIR})
  run(python COMMAND ${CMAKE_COMMAND} -E env --unset=STYLOKIT_DATA_DIR PYTHONPATH=${site} /usr/bin/python3 -c
    "import os, stylokit; assert stylokit.__file__.startswith('${site}/'), stylokit.__file__; \
assert os.environ['STYLOKIT_DATA_DIR'] == '${prefix}/share/stylokit', os.environ['STYLOKIT_DATA_DIR']; \
c = stylokit.load_corpus('${tmp}/work/data/letters'); \
print(len(stylokit.phrases(c, stop_words='english')), stylokit.distances(c, measure='burrows-delta').shape)"
    WORKING_DIRECTORY ${tmp}/elsewhere)
endif()

# 5. Without the installed data the same run must fail naming where the data belongs: the
# installed CLI never falls back to the source tree's data/.
file(RENAME ${prefix}/share/stylokit ${prefix}/share/stylokit-moved)
execute_process(COMMAND ${cli} run ${tmp}/work/experiments/letters.toml --out ${tmp}/work/results2
  WORKING_DIRECTORY ${tmp}/elsewhere RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  fail("stylokit run succeeded without ${prefix}/share/stylokit: its data came from elsewhere")
endif()
string(FIND "${err}" "${prefix}/share/stylokit/cleaning/news.toml" at)
if(at EQUAL -1)
  fail("without the installed data, the error does not name ${prefix}/share/stylokit:\n${err}")
endif()

file(REMOVE_RECURSE ${tmp})
message(STATUS "install test: passed")
