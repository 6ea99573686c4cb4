// Package render writes a finished report.Report in the forms investigators
// open: a self-contained HTML page, a CSV that joins back to the input file,
// and FollowTheMoney (FtM) entities for Aleph and OpenSanctions tooling.
//
// It is one package with one file per format (html.go, csv.go, ftm.go)
// because the three share nothing but the input type; each entry point takes
// a complete report and writes to an io.Writer:
//
//	func HTML(w io.Writer, r *report.Report) error
//	func CSV(w io.Writer, r *report.Report) error
//	func FtM(w io.Writer, r *report.Report) error
//
// None of them reads the network, the clock or the environment: the same
// report gives the same bytes.
//
// # HTML
//
// One file, no outside requests (but the review decisions, below): the CSS and a small vanilla-JavaScript
// viewer (assets/style.css, assets/app.js) are inlined, and a
// Content-Security-Policy with their SHA-256 hashes forbids loading anything
// else. Up to InlineRows input rows the report itself is embedded
// unchanged, as JSON, in <script type="application/json" id="report-data">
// (with <, > and & escaped as \u003c, \u003e, \u0026), so the page is also a
// carrier of the JSON report. Past it the clusters with indicators (riskiest
// first) and then the largest stay there in full, and every other cluster
// follows as a short entry in id="report-rest" (see InlineRows), so a page of
// a million rows still opens in seconds.
//
// The viewer opens on triage: the clusters with indicators, charts of them
// by severity and by indicator, the sources used and what they covered, run
// details folded away; then a review bar and the table of clusters (ID,
// canonical name, size, countries, indicator titles, risk score), riskiest
// first, that sorts on any column, searches names, IDs, row IDs, addresses
// and carried columns, filters by indicator, severity and country, and shows
// PageSize (100) rows at a time, so 50,000 clusters never become one giant
// DOM. Filters and the open cluster live in the URL hash
// (#q=…&sev=…&cluster=<id>; #cluster/<id> of earlier pages still opens it).
// One cluster shows its indicators first (title, evidence as rows, caveat),
// then its spellings, its input rows with carried columns and the evidence
// that linked each, registry matches with record links, coverage, web
// findings and its changes since the previous run. The investigator can mark
// a row "not this company", two clusters the same and a cluster checked,
// each with a note, and download the decisions as a judgements file (CSV
// kind,a,b,note) that resolve --judgements reads (a cluster checked is
// checked,CLUSTER_ID,RUN_ID,note; the next reports show it on the cluster,
// and whether its members changed since). The "same" and "different"
// decisions can also be sent, on a click, to a `resolve serve` on this
// machine (the service address and bearer token entered in the review bar;
// POST /judgements, which appends them to the desk's judgements file; a
// remote service through an SSH tunnel to its loopback port). The page's
// CSP lets it connect to 127.0.0.1 and localhost only, and the service must
// allow the page's origin (null for a file: --allow-origin null, which
// serve accepts only with a token). The token is kept in the page, never in
// storage; a sent decision is marked and not sent again, and the download
// still holds it. Below 640 px the table becomes one card a cluster. Wording
// follows the report: "indicators present", never a verdict about the
// company.
//
// # CSV
//
// One line per input row, in row order: every member of every cluster and
// every rejected row. Columns are CSVColumns
//
//	row,id,name,country,address,date,website,email,cluster_id,canonical_name,cluster_size,
//	linked_to_row,link_score,link_reasons,flag_codes,risk_score,status,reject_reason
//
// followed by the carried input columns (Member.Extra): country is the
// member's ISO code (as in the JSON report), address, date, website and
// email its input values; linked_to_row, link_score and link_reasons say
// why the row joined its cluster (the row it was linked to, the score, and
// the reasons' kinds with their effect, "romanisation +0.78; legal_form 0",
// or "judgement: same"), empty for the row the cluster grew from and exact
// repeats of its name. Then come the carried input columns (Member.Extra): those the input
// header names in header order, any others in the order first seen. A
// carried column whose name clashes with a fixed column is headed
// "input:<name>". flag_codes holds the cluster's distinct codes joined with
// ";"; risk_score has at most four decimals. status is "clustered",
// "rejected", or "ignored" for a rejected row whose reason begins with
// IgnoredReasonPrefix (an investigator's ignore judgement). reject_reason is
// the reason, prefixed with "<column>: " when the report names the column.
// Values match the input cell for cell, except that, against CSV (formula)
// injection as OWASP recommends, a cell that begins with "=", "+", "-", "@",
// a tab or a carriage return is written with a leading "'" (CSVCell), so a
// spreadsheet shows "=HYPERLINK(...)" as text instead of running it; the
// JSON report keeps every value untouched.
//
// # FtM
//
// JSON lines of {"id","schema","properties"}, checked against the model
// published in @alephdata/followthemoney by testdata/ftm-check/check.js.
// Each source keeps its own entity, as in Aleph and OpenSanctions: what the
// input says is the cluster's entity, what a registry, list or leak says is
// that record's entity, and a Similar links them. Per cluster:
//
//   - the cluster's entity, a Company (an Organization when the best
//     matching record's legal form names an association, foundation,
//     government body and the like; a LegalEntity for sole traders), id
//     ClusterEntityID(cluster ID): name = canonical name; alias = the other
//     spellings of the input; country = cluster countries; address (text) and
//     addressEntity of the input rows; website from the web checks; notes =
//     one line per indicator with its caveat. No registry fact (status, dates,
//     numbers, topics) is copied onto it.
//   - per matched record, once in the whole output however many clusters it
//     matched, id RecordEntityID(source, record ID), schema by its own legal
//     form: name, alias = its other names, jurisdiction, legalForm, status,
//     incorporationDate, dissolutionDate, address and addressEntity,
//     website, sourceUrl (and opencorporatesUrl), topics where the model
//     knows them except corp.shell, program, publisher, retrievedAt;
//     identifiers by scheme (lei→leiCode, inn, ogrn, kpp, okpo, bic→swiftBic,
//     cik, duns, vat, tin/tax_number→taxNumber, wikidata, permid, icij_node_id→
//     icijId, krx_stock_code→ticker, company_number/brn/uscc/registered_as→
//     registrationNumber; a list's or index's own numbers, such as OFAC entity
//     numbers, OpenDART corp codes and unknown schemes, → idNumber; GLEIF's
//     registration-authority code is dropped).
//   - the record's officers as LegalEntity (Company for corporate officers and
//     GLEIF parents, with their LEI), linked by Ownership (owners, PSCs,
//     parents; the record must be a Company), Directorship (directors,
//     secretaries, officers; role, endDate from "(resigned …)") or UnknownLink
//     with the role (service providers and the rest).
//   - a Sanction per listing authority of a record with the "sanction" topic,
//     id SanctionEntityID(source, record, authority), entity = the record's
//     entity: authority and country from the dataset (OFAC, FCDO, OFSI, EU,
//     UN, SECO), authorityId = the OFAC entity number, program, publisher
//     (OpenSanctions for its data, else the list's publisher), recordId,
//     sourceUrl, summary, retrievedAt.
//   - a Similar per match, id SimilarEntityID(cluster, source, record):
//     candidate = the cluster's entity, match = the record's entity,
//     confidenceScore = the match score, criteria = the match reasons,
//     matcher.
//   - Address entities, id AddressEntityID(address): full and country, one
//     per normalised address in the whole report, written before the first
//     entity that points at it.
//
// IDs depend only on the cluster ID, the address text and the record
// identity, so they are stable across runs as long as the cluster ID is;
// every reference points at an entity written earlier in the output.
// Country and topic values are limited to those the model lists
// (ftmmodel_gen.go, generated from the npm package by
// testdata/ftm-check/gen-go.js).
package render
