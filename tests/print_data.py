#!/usr/bin/python3
"""A made-up commissioner of N PCNs for the print checks: long PCN and
locality names, long evidence, notes and SWOT items, every part of a return
filled in for two years, loaded through the CLI's own imports.

  print_data.py CLI DATABASE N [YEAR]

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import subprocess
import sys
import tempfile

LOCALITIES = ["North and West Rural Market Towns", "City Centre", "South Coast and Harbour", "East Valleys",
              "Central"]
ROLES = ["Clinical pharmacist", "Social prescribing link worker", "First contact physiotherapist",
         "Care coordinator", "Health and wellbeing coach", "Paramedic", "Pharmacy technician",
         "Mental health practitioner"]
LEVELS = ["Foundation", "Foundation/Step 1", "Step 1", "Step 1/2", "Step 2", "Step 2/3", "Step 3", "Pre-foundation",
          "No score"]
DOMAINS = ["leadership", "data", "integrating", "resources", "people"]
LONG = "shared estates, recruitment of the additional roles and the digital telephony the practices still need"


def pcn_name(i):
    if i % 3 == 0:
        return f"The Northern and Eastern Dales Market Towns and Villages Network {i} PCN"
    return f"Network {i} PCN"


def csv(path, header, rows):
    with open(path, "w") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(",".join('"' + str(v).replace('"', '""') + '"' for v in r) + "\n")
    return path


def make(cli, db, n, year=2026):
    """Fills @db with @n PCNs and returns for @year and the year before."""
    def run(*args):
        subprocess.run([cli, "--database", db, *args], check=True, capture_output=True, timeout=120)

    with tempfile.TemporaryDirectory() as d:
        practices = []
        for i in range(n):
            for k in range(3):
                practices.append((f"U6{i:04d}", pcn_name(i), LOCALITIES[i % len(LOCALITIES)],
                                  f"Q6{i:02d}{k:02d}", f"The {pcn_name(i)[:-4]} Practice {k + 1}", 8000 + 97 * i + k))
        run("init")
        run("import", "profiles", csv(os.path.join(d, "p.csv"),
                                      "pcn_code,pcn_name,locality,practice_code,practice_name,list_size", practices))
        for y in (year - 1, year):
            ys = f"{y}/{(y + 1) % 100:02d}"
            rows = [(f"U6{i:04d}", ys, dom, LEVELS[(i + k + y) % len(LEVELS)],
                     f"Evidence for {pcn_name(i)}: {LONG}." * (1 + (i % 2)), f"Support with {LONG}." if k % 2 else "")
                    for i in range(n) for k, dom in enumerate(DOMAINS)]
            run("import", "maturity", csv(os.path.join(d, f"m{y}.csv"),
                                          "pcn_code,year,domain,level,evidence,support_needed", rows))
            rows = [(f"U6{i:04d}", ys, q, f"{q} {k + 1}: {LONG}.") for i in range(n) for q in "SWOT" for k in range(2)]
            run("import", "swot", csv(os.path.join(d, f"s{y}.csv"), "pcn_code,year,quadrant,text", rows))
            rows = [(f"U6{i:04d}", ys, f"Achievement {k + 1}: {LONG}.") for i in range(n) for k in range(3)]
            run("import", "achievements", csv(os.path.join(d, f"a{y}.csv"), "pcn_code,year,text", rows))
            rows = [(f"U6{i:04d}", ys, r, f"{(i + j) % 4 + 0.5:.2f}", (i + j) % 4 + 1, f"{(i + j) % 4 + 1:.2f}",
                     f"{y + 1}-03-31")
                    for i in range(n) for j, r in enumerate(ROLES) if (i + j) % 5]
            run("import", "arrs", csv(os.path.join(d, f"w{y}.csv"),
                                      "pcn_code,year,role,wte_in_post,headcount,wte_planned,as_of", rows))
            rows = [(f"U6{i:04d}", ys, s, a) for i in range(n)
                    for s, a in (("arrs", "£612,345.67"), ("core", "£31,258.18"), ("development", "rate:0.66"))]
            run("import", "funding", csv(os.path.join(d, f"f{y}.csv"), "pcn_code,year,stream,amount", rows))


if __name__ == "__main__":
    make(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 2026)
