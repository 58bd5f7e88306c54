"""Says in one line why a Maven build failed, from its log (run with -B, no colours).

usage: maven_failure.py LOG   prints e.g.
  "ipc-core: maven-javadoc-plugin:javadoc-no-fork failed (An error has occurred in Javadoc report
   generation); not built: ipc-testkit, ipc-sharedmem"
"""
import re
import sys

GOAL = re.compile(r"^\[ERROR\] Failed to execute goal (?:(\S+) \(([^)]*)\) )?on project (\S+): (.*)$")
REACTOR = re.compile(r"^\[INFO\] (\S.*?) \.+ ?(FAILURE|SKIPPED)\b")


def short(text, limit=120):
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


causes, skipped, first_error = [], [], None
with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
    for line in log:
        line = line.rstrip("\n")
        goal = GOAL.match(line)
        if goal:
            plugin, _, project, message = goal.groups()
            if plugin:
                parts = plugin.split(":")  # groupId:artifactId:version:goal
                step = "%s:%s" % (parts[1], parts[-1]) if len(parts) >= 4 else plugin
                causes.append("%s: %s failed (%s)" % (project, step, short(message)))
            else:
                causes.append("%s: %s" % (project, short(message)))
            continue
        reactor = REACTOR.match(line)
        if reactor and reactor.group(2) == "SKIPPED":
            skipped.append(reactor.group(1))
        elif first_error is None and line.startswith("[ERROR] ") and line.strip() != "[ERROR]":
            first_error = short(line[len("[ERROR] "):])

parts = causes or [first_error or "no error message in the log"]
if skipped:
    parts.append("not built: " + ", ".join(skipped))
print("; ".join(parts))
