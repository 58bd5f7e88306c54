"""Says in one line why a Maven build failed, from its log (run with -B, no colours).

usage: maven_failure.py LOG   prints e.g.
  "ipc-core: maven-javadoc-plugin:javadoc-no-fork failed (An error has occurred in Javadoc report
   generation); not built: ipc-testkit, ipc-sharedmem"
"""
import re
import sys

GOAL = re.compile(r"^\[ERROR\] Failed to execute goal (?:(\S+) \(([^)]*)\) )?on project (\S+): (.*)$")
SOURCE = re.compile(r"^\[ERROR\] \S*?([^/\s]+\.java):\[?(\d+)[^ ]* (?:error: )?(.*)$")
REACTOR = re.compile(r"^\[INFO\] (\S.*?) \.+ ?(FAILURE|SKIPPED)\b")


def short(text, limit=120):
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


causes, skipped, first_error, first_other = [], [], None, None
with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
    lines = [line.rstrip("\n") for line in log]
for i, line in enumerate(lines):
    goal = GOAL.match(line)
    if goal:
        plugin, _, project, message = goal.groups()
        message = message.strip().rstrip(":")
        # javac and javadoc print their first error just below: "[ERROR] /path/X.java:35: error: ..."
        for detail in lines[i + 1 : i + 30]:
            source = SOURCE.match(detail)
            if source:
                message += ": %s:%s %s" % source.groups()
                break
        if plugin:
            parts = plugin.split(":")  # groupId:artifactId:version:goal
            step = "%s:%s" % (parts[1], parts[-1]) if len(parts) >= 4 else plugin
            causes.append("%s: %s failed (%s)" % (project, step, short(message, 200)))
        else:
            causes.append("%s: %s" % (project, short(message)))
        continue
    reactor = REACTOR.match(line)
    if reactor and reactor.group(2) == "SKIPPED":
        skipped.append(reactor.group(1))
    elif first_error is None and line.startswith("[ERROR] ") and line.strip() != "[ERROR]":
        first_error = line[len("[ERROR] "):].replace("[ERROR] ", "").strip()
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if first_error.endswith(":") and following.startswith("[ERROR] "):
            first_error += " " + following[len("[ERROR] "):].strip()  # "Some problems...:" then the problem
        first_error = short(first_error, 200)
    elif first_other is None and line.strip() and not line.startswith("["):
        first_other = short(line)  # Maven did not start: the JVM's or the launcher's own message

# ipc-testkit's HangWatchdog names a hung test before the forked JVM halts ("did not properly say goodbye")
hangs = [short(line, 200) for line in lines if line.startswith("HANG: ") and "still running" in line]
parts = hangs + (causes or [first_error or first_other or "no message in the log"])
if skipped:
    parts.append("not built: " + ", ".join(skipped))
print("; ".join(parts))
