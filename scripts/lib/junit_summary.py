"""Sums JUnit XML reports (Surefire's, or the JUnit console launcher's).

usage: junit_summary.py GLOB...   prints "TESTS PASSED FAILED SKIPPED" (errors count as failed)

A report that cannot be read (cut short by a crash) counts as one failed test, and is named on
standard error.
"""
import glob
import sys
import xml.etree.ElementTree as ET

tests = failed = skipped = 0
for pattern in sys.argv[1:]:
    for path in sorted(glob.glob(pattern)):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            print("junit_summary: unreadable report %s (%s): counted as 1 failed test" % (path, e), file=sys.stderr)
            tests += 1
            failed += 1
            continue
        for suite in [root] if root.tag == "testsuite" else root.iter("testsuite"):
            tests += int(suite.get("tests", 0))
            skipped += int(suite.get("skipped", 0))
            failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
print(tests, tests - failed - skipped, failed, skipped)
