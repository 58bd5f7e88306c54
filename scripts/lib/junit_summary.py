"""Sums JUnit XML reports (Surefire's, or the JUnit console launcher's).

usage: junit_summary.py GLOB...   prints "TESTS PASSED FAILED SKIPPED" (errors count as failed)
"""
import glob
import sys
import xml.etree.ElementTree as ET

tests = failed = skipped = 0
for pattern in sys.argv[1:]:
    for path in glob.glob(pattern):
        root = ET.parse(path).getroot()
        for suite in [root] if root.tag == "testsuite" else root.iter("testsuite"):
            tests += int(suite.get("tests", 0))
            skipped += int(suite.get("skipped", 0))
            failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
print(tests, tests - failed - skipped, failed, skipped)
