// Package reconcile serves the clusters of a run and the records of the bulk
// store over the W3C Reconciliation Service API, version 0.2
// (https://reconciliation-api.github.io/specs/0.2/), the protocol
// OpenRefine 3.x speaks.
//
// # Entry points
//
//   - NewIndex(entities, IndexParams): prepares every spelling of every
//     cluster with package match (the batch run's scorer, all scripts),
//     weighs words by rarity over all spellings, and files each spelling
//     under the matcher's blocking keys. Index.Search scores a query name
//     against the spellings sharing keys with it; Index.Suggest is a prefix
//     search over folded names.
//   - New(index, registry, judge, Options, logger).Handler(): the HTTP
//     service. Registry is the bulk store (read-only); Judge stores review
//     decisions. Both are interfaces the command implements; either may be
//     nil.
//
// # Endpoints
//
//	GET  /                      the service manifest
//	GET|POST / queries=BATCH    reconciliation queries (batchSize per request)
//	GET|POST / extend=QUERY     data extension
//	GET  /properties?type=T     properties proposed for data extension
//	GET  /preview?id=ID         an HTML card: names, countries, indicators, records
//	GET  /suggest/entity?prefix=P&cursor=N, /suggest/type, /suggest/property
//	POST /judgements            a review decision as JSON {kind, a, b, note, force}
//
// Entities are clusters (type "cluster", IDs as resolve assigns them,
// "C" and 10 hex digits) and registry or list records (type
// "registry:SOURCE", IDs "SOURCE:ID", e.g. "gleif:5493..."). A query
// without type searches clusters; "registry" searches every bulk source.
// The query property "countries" (or "country") gives the name's country,
// which takes part in the score as in the batch run; "lei" looks a GLEIF
// LEI up directly.
//
// # Match decision
//
// Candidates are scored with match.Matcher (the best score over a cluster's
// spellings or a record's names). Only the first candidate may have
// match: true, and only when its score reaches the match threshold, the
// scorer found no explicit conflict (numbers, legal forms, countries), and
// it is at least IndexParams.Margin (default 0.1) ahead of the second: two
// clusters equally close to the query are left to the user. A cluster ID or
// an LEI given as the query is an exact match.
//
// # Cost
//
// Search looks up the query's blocking keys in sorted arrays (binary
// search), skips keys carried by more than MaxBlock spellings, ranks the
// spellings sharing keys by Σ 1/log2(1+postings) and scores the best
// MaxNames of them; scoring is most of the cost. NewIndex prepares every
// spelling once and keeps it prepared (about 2.5 KB each).
//
// Measured with BenchmarkSearch on a shared 2-core machine, synthetic
// clusters of 2-3 customs spellings, held-out spellings as queries, no
// HTTP, one goroutine (wall-clock figures: the machine's load made them
// vary by half):
//
//	clusters    build    index heap   p50      p99      queries/s   load
//	10,000      9-12 s   71 MiB       150 µs   10-20 ms 840-1,230   2-15
//	100,000     56-90 s  342 MiB      180 µs   5-10 ms  1,240-1,980 2-15
//	1,000,000   14 min   3,004 MiB    512 µs   100 ms   119         14
//
// At 1M clusters building the index held 14.4 GB at its peak (RSS, with
// the generated data), so serve needs memory_limit raised for such a store;
// ranking a query's candidates in a map and sorting them all, as Search
// did before the dense ranker, cost 10-12 ms of a query there
// (BenchmarkRank; 0.8-1.1 ms now), and a run before that change measured
// 85 queries/s, p99 172 ms (at a heavier load, nice 10). The 8.4 ms a
// query takes on average at 1M was not profiled; its allocations (675 KB a
// query, against 16 KB at 10k) point at scoring the best 100 names, which
// resemble the query more closely in a larger index. The p99 comes from names made mostly of generic words
// ("Electro-Mechanical Engineering"), which share keys with many names.
// BenchmarkServiceQueries sends the queries over HTTP in OpenRefine's
// batches of 10: 1,171 queries/s at 10k clusters (p50 4.1 ms a batch), 152
// at 1M (p50 26 ms, p99 595 ms a batch).
//
// # Safety
//
// The service only reads: the index is built once at start, and the
// registry is asked for records. Options.Loopback makes it refuse requests
// whose Host is not a loopback name (DNS rebinding); Options.Token requires
// "Authorization: Bearer TOKEN" on every request but the manifest's (the
// manifest then announces an apiKey scheme in the Authorization header, as
// the specification's Swagger 2.0 security schemes allow); the body size,
// the batch size, the ids of one extension and the request rate per client
// address are limited. CORS headers are sent to the allowed origins only,
// on every endpoint, as the specification asks; JSONP is refused, since it
// would bypass CORS. Judgements are accepted as JSON only, which a
// cross-origin page cannot send without a CORS preflight.
package reconcile
