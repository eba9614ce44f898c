# stylokit_add_version_source(<target>): adds the generated source that defines
# stylokit::version() and stylokit::git_commit() (toolkit/common/version.h) to <target>.
#
# The commit is read by a custom target on every build rather than passed as a compile
# definition: a definition changes the command line of every translation unit, so each
# commit would rebuild the whole tree; here only version.cpp is rewritten, and only when
# the commit differs from the one it holds.
function(stylokit_add_version_source target)
  set(template ${PROJECT_SOURCE_DIR}/toolkit/common/version.cpp.in)
  set(output ${PROJECT_BINARY_DIR}/generated/toolkit/common/version.cpp)
  set(args -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DVERSION=${PROJECT_VERSION}
           -DTEMPLATE=${template} -DOUTPUT=${output})
  set(script ${PROJECT_SOURCE_DIR}/cmake/stylokit_write_version.cmake)
  # Once now, so that the source exists for the first build and for compile_commands.json.
  execute_process(COMMAND ${CMAKE_COMMAND} ${args} -P ${script})
  add_custom_target(stylokit_git_commit
    COMMAND ${CMAKE_COMMAND} ${args} -P ${script}
    BYPRODUCTS ${output}
    COMMENT "Checking the git commit for stylokit::git_commit()"
    VERBATIM)
  target_sources(${target} PRIVATE ${output})
  add_dependencies(${target} stylokit_git_commit)
endfunction()
