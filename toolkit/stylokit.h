#pragma once
// stylokit: text comparison and stylometry. The one header a program using the installed
// library includes, as <stylokit/stylokit.h> (target stylokit::stylokit of the CMake package
// `find_package(stylokit CONFIG)`). It brings in the main header of every stage:
//
//   corpus     documents as loaded, with cleaning rules           toolkit/corpus/
//   text       normalisation, tokens, sentences, stop words        toolkit/text/
//   features   document-term matrices, MFW tables, Matrix Market   toolkit/features/
//   similarity measures and all-pairs / top-k computations         toolkit/similarity/
//   phrases    recurring phrases over a token corpus               toolkit/phrases/
//   cluster    hierarchical clustering and maps                    toolkit/cluster/
//   experiment a TOML experiment run end to end into a run folder  toolkit/experiment/
//
// Each stage header states its own data contract. Other public headers of a stage (for
// example toolkit/phrases/reuse.h) are installed too and may be included directly, by the
// same "toolkit/<stage>/<file>.h" paths the sources use. Errors are stylokit::Error and its
// kinds (toolkit/common/error.h). Shipped data (stop-word lists, cleaning rules) is found
// as toolkit/common/io.h data_dir() describes.

#include "toolkit/cluster/linkage.h"
#include "toolkit/cluster/maps.h"
#include "toolkit/common/error.h"
#include "toolkit/common/io.h"
#include "toolkit/common/version.h"
#include "toolkit/corpus/cleaning.h"
#include "toolkit/corpus/corpus.h"
#include "toolkit/corpus/excerpt.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/experiment/experiment.h"
#include "toolkit/features/matrix.h"
#include "toolkit/features/matrix_io.h"
#include "toolkit/features/mfw.h"
#include "toolkit/features/vectorizer.h"
#include "toolkit/phrases/phrase_index.h"
#include "toolkit/pipeline/config.h"
#include "toolkit/pipeline/steps.h"
#include "toolkit/similarity/measure.h"
#include "toolkit/similarity/pairwise.h"
#include "toolkit/similarity/topk.h"
#include "toolkit/text/stopwords.h"
#include "toolkit/text/token_corpus.h"
#include "toolkit/text/tokenizer.h"
