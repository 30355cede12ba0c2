#!/usr/bin/env python3
"""CLI: selfcheck import-bills with a GBK CSV, an XLSX written by Python's zipfile (deflate), and a bad
file (exit 2 with located errors, nothing written). Usage: import_bills_test.py SELFCHECK_BINARY"""
import json, os, subprocess, sys, tempfile, zipfile

exe = sys.argv[1]
tmp = tempfile.mkdtemp()
doc = {"schema": "selfcheck/assessment", "version": 1,
       "enterprise": {"name": "测试", "year": 2024, "city": "绍兴市", "county": "柯桥", "industry": "17"},
       "energy": [{"carrier": "electricity", "quantity": 1, "unit": "kWh"}]}
doc_path = os.path.join(tmp, "doc.json")
json.dump(doc, open(doc_path, "w"), ensure_ascii=False)

def run(bills, out):
    p = subprocess.run([exe, "import-bills", bills, "--into", doc_path, "-o", out], capture_output=True)
    return p.returncode, json.loads(p.stdout.decode("utf-8"))

failures = []
def check(cond, what):
    if not cond:
        failures.append(what)

# 1. GBK CSV, 12 months (Windows line ends, as Excel/WPS save them)
rows = ["月份,用电量(kWh),峰电量(kWh),谷电量(kWh),功率因数,电费(元)"]
for m in range(1, 13):
    rows.append(f"{m}月,{m * 1000},{m * 400},{m * 600},0.93,{m * 700}")
csv_path = os.path.join(tmp, "bills.csv")
open(csv_path, "wb").write(("\r\n".join(rows) + "\r\n").encode("gbk"))
out = os.path.join(tmp, "out.json")
rc, prev = run(csv_path, out)
check(rc == 0, f"csv exit {rc}: {prev}")
check(prev.get("format") == "CSV GB18030", f"format {prev.get('format')}")
merged = json.load(open(out)) if os.path.exists(out) else {}
e = merged.get("energy", [{}])[0]
check(e.get("quantity") == 78000, f"quantity {e.get('quantity')}")  # 1000 × (1 + ... + 12) = 78,000 kWh
check(len(merged.get("bills", {}).get("electricity", {}).get("months", [])) == 12, "12 bill months")
check(merged.get("enterprise", {}).get("city") == "绍兴市", "the document keeps what the user wrote")
vp = subprocess.run([exe, "validate", out], capture_output=True)
check(vp.returncode == 0, f"merged document validates: {vp.stdout[:400]}")

# 2. XLSX written by zipfile with deflate, shared strings, a title row
xlsx_path = os.path.join(tmp, "bills.xlsx")
shared = ["电费台账", "月份", "用电量(万kWh)", "最大需量(kW)", "变压器容量(kVA)"]
sst = "".join(f"<si><t>{s}</t></si>" for s in shared)
cells = ['<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
         '<row r="2">' + "".join(f'<c r="{c}2" t="s"><v>{i + 1}</v></c>' for i, c in enumerate("ABCD")) + "</row>"]
for m in range(1, 13):
    r = m + 2
    cells.append(f'<row r="{r}"><c r="A{r}" t="str"><v>2024-{m:02d}</v></c><c r="B{r}"><v>{m / 10}</v></c>'
                 f'<c r="C{r}"><v>{300 + m}</v></c><c r="D{r}"><v>630</v></c></row>')
with zipfile.ZipFile(xlsx_path, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/sharedStrings.xml", f"<sst>{sst}</sst>")
    z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + "".join(cells) + "</sheetData></worksheet>" + " " * 5000)
out2 = os.path.join(tmp, "out2.json")
rc, prev = run(xlsx_path, out2)
check(rc == 0, f"xlsx exit {rc}: {prev}")
check(prev.get("header_row") == 2, f"header row {prev.get('header_row')}")
merged = json.load(open(out2)) if os.path.exists(out2) else {}
q = merged.get("energy", [{}])[0].get("quantity", 0)
check(abs(q - 78000) < 1e-6, f"xlsx quantity {q}")  # (0.1 + ... + 1.2) 万kWh = 7.8 万kWh = 78,000 kWh
ms = merged.get("bills", {}).get("electricity", {}).get("months", [])
check(len(ms) == 12 and ms[0].get("max_demand_kw") == 301, "xlsx bill months")

# 3. bad rows: exit 2, located errors, nothing written
bad_path = os.path.join(tmp, "bad.csv")
open(bad_path, "w", encoding="utf-8-sig").write("月份,用电量(kWh)\n1,100\n二十,5\n3,x\n")
out3 = os.path.join(tmp, "out3.json")
rc, prev = run(bad_path, out3)
check(rc == 2, f"bad exit {rc}")
rows_bad = [b["row"] for b in prev.get("bad_rows", [])]
check(rows_bad == [3, 4], f"bad rows {rows_bad}")
check(not os.path.exists(out3), "nothing written on bad input")

if failures:
    print("FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("import-bills CLI: all checks passed")
