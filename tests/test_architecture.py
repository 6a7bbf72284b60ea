import subprocess
import sys


def test_core_imports_no_qt():
    code = "import sys, gdchecker.cli, gdchecker.check, gdchecker.rules; gdchecker.rules.all_rules(); " \
           "print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_rule_has_codes_title_and_doc():
    from gdchecker.rules import all_rules

    rules = all_rules()
    assert len(rules) >= 8
    codes = [c for r in rules for c in r.codes]
    assert len(codes) == len(set(codes))
    for r in rules:
        assert r.codes and r.title and r.doc, r.name
