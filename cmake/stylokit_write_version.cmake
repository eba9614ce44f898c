# Writes toolkit/common/version.cpp (generated) from its template with the project version and
# the git commit of the source tree. Run with `cmake -P` at configure time and before every
# build; configure_file leaves the output untouched when its content is unchanged, so a build
# on the same commit recompiles nothing, and a new commit recompiles that one file.
#
# Inputs (-D): SOURCE_DIR (the git work tree), VERSION, TEMPLATE, OUTPUT.

set(STYLOKIT_GIT_COMMIT "unknown")
find_program(GIT_EXECUTABLE git)
if(GIT_EXECUTABLE)
  # A source tree without git metadata (an unpacked archive) builds as "unknown".
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=12 HEAD
    WORKING_DIRECTORY ${SOURCE_DIR}
    OUTPUT_VARIABLE _commit OUTPUT_STRIP_TRAILING_WHITESPACE
    ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0 AND _commit)
    set(STYLOKIT_GIT_COMMIT "${_commit}")
  endif()
endif()
set(STYLOKIT_VERSION "${VERSION}")
configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
