import csv, sys
ADDR = ["xmllang","FirstAddressLine","AddressNumber","AddressNumberWithinBuilding","MailRouting",
        "AdditionalAddressLine.1","AdditionalAddressLine.2","AdditionalAddressLine.3","City","Region","Country","PostalCode"]
HEADER = (["LEI","Entity.LegalName","Entity.LegalName.xmllang"]
  + [f"Entity.OtherEntityNames.OtherEntityName.{i}{s}" for i in (1,2) for s in ("",".xmllang",".type")]
  + [f"Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1{s}" for s in ("",".xmllang",".type")]
  + [f"Entity.LegalAddress.{a}" for a in ADDR] + [f"Entity.HeadquartersAddress.{a}" for a in ADDR]
  + ["Entity.RegistrationAuthority.RegistrationAuthorityID","Entity.RegistrationAuthority.OtherRegistrationAuthorityID",
     "Entity.RegistrationAuthority.RegistrationAuthorityEntityID","Entity.LegalJurisdiction","Entity.EntityCategory",
     "Entity.EntitySubCategory","Entity.LegalForm.EntityLegalFormCode","Entity.LegalForm.OtherLegalForm",
     "Entity.EntityStatus","Entity.EntityCreationDate","Entity.EntityExpirationDate","Entity.EntityExpirationReason",
     "Registration.InitialRegistrationDate","Registration.LastUpdateDate","Registration.RegistrationStatus",
     "Registration.NextRenewalDate","Registration.ManagingLOU","Registration.ValidationSources"])

def lei(body18):
    # ISO 17442 check digits (ISO 7064 MOD 97-10), as for IBAN
    s = body18 + "00"
    n = int("".join(str(int(c, 36)) for c in s))
    return body18 + "%02d" % (98 - n % 97)

def row(d):
    r = {h: "" for h in HEADER}
    r.update(d)
    return [r[h] for h in HEADER]

def addr(prefix, lines, city, region, country, postal, lang="en"):
    out = {f"{prefix}.xmllang": lang, f"{prefix}.FirstAddressLine": lines[0], f"{prefix}.City": city,
           f"{prefix}.Region": region, f"{prefix}.Country": country, f"{prefix}.PostalCode": postal}
    for i, l in enumerate(lines[1:], 1):
        out[f"{prefix}.AdditionalAddressLine.{i}"] = l
    return out

def company(leibody, name, lines, city, region, country, postal, juris, elf, status="ACTIVE", created="", other=None,
            other_type="TRADING_OR_OPERATING_NAME", ra="RA999999", raid="", exp_date="", exp_reason="", regstatus="ISSUED", hq=None, other_lang="en", translit=None):
    d = {"LEI": lei(leibody), "Entity.LegalName": name, "Entity.LegalName.xmllang": "en",
         "Entity.RegistrationAuthority.RegistrationAuthorityID": ra, "Entity.RegistrationAuthority.RegistrationAuthorityEntityID": raid,
         "Entity.LegalJurisdiction": juris, "Entity.EntityCategory": "GENERAL", "Entity.LegalForm.EntityLegalFormCode": elf,
         "Entity.EntityStatus": status, "Entity.EntityCreationDate": created, "Entity.EntityExpirationDate": exp_date,
         "Entity.EntityExpirationReason": exp_reason, "Registration.InitialRegistrationDate": "2023-01-10T09:00:00Z",
         "Registration.LastUpdateDate": "2025-01-10T09:00:00Z", "Registration.RegistrationStatus": regstatus,
         "Registration.NextRenewalDate": "2026-01-10T09:00:00Z", "Registration.ManagingLOU": lei("FICT00LOU000000000"),
         "Registration.ValidationSources": "FULLY_CORROBORATED"}
    d.update(addr("Entity.LegalAddress", lines, city, region, country, postal))
    h = hq or (lines, city, region, country, postal)
    d.update(addr("Entity.HeadquartersAddress", *h))
    if other:
        d["Entity.OtherEntityNames.OtherEntityName.1"] = other
        d["Entity.OtherEntityNames.OtherEntityName.1.xmllang"] = other_lang
        d["Entity.OtherEntityNames.OtherEntityName.1.type"] = other_type
    if translit:
        d["Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1"] = translit
        d["Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1.type"] = "AUTO_ASCII_TRANSLITERATED_LEGAL_NAME"
    return row(d)

def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(HEADER)
        for r in rows:
            w.writerow(r)

TOWER = ["Unit 1203, 12/F, Fictional Tower", "88 Example Road"]
def hk(n, name, created, other=None, elf="", status="ACTIVE", exp_date="", exp_reason=""):
    return company(f"FICT00HK{n:010d}", name, TOWER, "Kowloon", "", "HK", "", "HK", elf, status=status,
                   created=created, other=other, raid=f"9{n:07d}", ra="RA000396" if False else "RA999999",
                   exp_date=exp_date, exp_reason=exp_reason)

sample = [
  hk(1, "NORTHWIND TRADING LIMITED", "2019-03-14T00:00:00Z", other="北風貿易有限公司", elf=""),
  hk(2, "GLORIOUS EXAMPLE TRADING LIMITED", "2021-05-02T00:00:00Z"),
  hk(3, "BRIGHT PLACEHOLDER SUPPLY CHAIN LIMITED", "2021-11-20T00:00:00Z"),
  hk(4, "SAMPLE STAR INTERNATIONAL CO., LIMITED", "2022-02-08T00:00:00Z"),
  hk(5, "LUCKY DUMMY ELECTRONICS HK LIMITED", "2021-06-30T00:00:00Z"),
  hk(6, "EVERWIN FABRICATED PARTS LIMITED", "2021-12-01T00:00:00Z"),
  hk(7, "GOLDEN TESTCASE LOGISTICS LIMITED", "2021-07-19T00:00:00Z"),
  hk(8, "SILVER STUB TECHNOLOGY LIMITED", "2023-09-09T00:00:00Z", status="INACTIVE", exp_date="2025-03-31T00:00:00Z", exp_reason="DISSOLVED"),
  company("FICT00DE0000000001", "Contoso Auto Parts GmbH", ["Musterweg 5"], "Stuttgart", "DE-BW", "DE", "70173", "DE", "2HBR",
          created="2008-04-01T00:00:00Z", raid="HRB 000001"),
  company("FICT00GB0000000001", "FABRIKAM COMPONENTS LIMITED", ["1 Example Lane"], "Exampleton", "", "GB", "EX1 1AA", "GB-ENG", "H0PO",
          created="2012-10-05T00:00:00Z", raid="00000001"),
  company("FICT00US0000000001", "Nowhere Components, Inc.", ["100 Example Blvd"], "Springfield", "US-IL", "US", "00000", "US-DE", "XTIQ",
          created="2001-02-03T00:00:00Z", other="Nowhere Components Incorporated", other_type="PREVIOUS_LEGAL_NAME"),
  company("FICT00SG0000000001", "PLACEHOLDER PTE. LTD.", ["1 Example Quay", "#10-01"], "Singapore", "", "SG", "000001", "SG", "",
          created="2015-06-06T00:00:00Z"),
]
if __name__ == "__main__":
    write(sys.argv[1], sample)
