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
// One file, no outside requests: the CSS and a small vanilla-JavaScript
// viewer (assets/style.css, assets/app.js) are inlined, and a
// Content-Security-Policy with their SHA-256 hashes forbids loading anything
// else. The report itself is embedded unchanged, as JSON, in
// <script type="application/json" id="report-data"> (with <, > and &
// escaped as \u003c, \u003e, \u0026), so the page is also a carrier of the
// JSON report. The viewer shows the run and summary, a table of clusters
// (ID, canonical name, size, countries, indicators, risk score) that sorts
// on any column and filters by name, indicator code, severity and country,
// PageSize (100) rows at a time, so 50,000 clusters never become one giant
// DOM; and, at #cluster/<id>, one cluster: its spellings, its input rows with
// carried columns and the evidence that linked each, registry matches with
// record links, coverage, web findings, indicators with evidence and caveats,
// and its changes since the previous run. Wording follows the report:
// "indicators present", never a verdict about the company.
//
// # CSV
//
// One line per input row, in row order: every member of every cluster and
// every rejected row. Columns are CSVColumns
//
//	row,id,name,cluster_id,canonical_name,cluster_size,flag_codes,risk_score,status,reject_reason
//
// followed by the carried input columns (Member.Extra): those the input
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
// published in @alephdata/followthemoney by testdata/ftm-check/check.js. Per
// cluster:
//
//   - a Company (an Organization when the best matching registry record's
//     legal form names an association, foundation, government body and the
//     like; a LegalEntity for sole traders), id ClusterEntityID(cluster ID):
//     name = canonical name; alias = the other spellings and the registry
//     records' names; country = cluster countries; jurisdiction, legalForm,
//     status, incorporationDate, dissolutionDate from the records;
//     identifiers by scheme (lei→leiCode, inn→innCode, ogrn→ogrnCode,
//     kpp→kppCode, okpo→okpoCode, bic→swiftBic, cik→cikCode, duns→dunsCode,
//     vat→vatCode, tin→taxNumber, wikidata→wikidataId, permid→permId, others
//     such as company_number, brn and uscc → registrationNumber); address
//     (text) and addressEntity; website from the records and web checks;
//     sourceUrl = record URLs (opencorporatesUrl too for OpenCorporates);
//     topics passed through from the records where the model knows them
//     (e.g. "sanction" from a sanctions source), except corp.shell; notes =
//     one line per indicator with its caveat.
//   - Address entities, id AddressEntityID(address): full and country, one
//     per normalised address in the whole report, written before the first
//     entity that points at it.
//   - a Sanction per matched record carrying the "sanction" topic, id
//     SanctionEntityID(cluster, source, record), with entity = the cluster's
//     entity, recordId, sourceUrl, summary, publisher, retrievedAt.
//
// IDs depend only on the cluster ID, the address text and the record
// identity, so they are stable across runs as long as the cluster ID is.
// Country and topic values are limited to those the model lists
// (ftmmodel_gen.go, generated from the npm package by
// testdata/ftm-check/gen-go.js).
package render
