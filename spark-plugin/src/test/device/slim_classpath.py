"""Writes slim copies of a classpath's jars: jars none of whose classes a run loaded (from a -Xlog:class+load log) are
dropped; jars over 2 MiB keep only the classes the run loaded (and their nested classes); the others are kept whole;
resources are kept, without other platforms' native libraries; class directories become jars. Entries are stored (not deflated) so that the carry's tar.xz compresses them together.
Usage: slim_classpath.py CLASSES_LOG CLASSPATH OUT_DIR STAGE_DIR"""
import os
import re
import sys
import zipfile

log, classpath, out, stage = sys.argv[1:5]
loaded = {}
pattern = re.compile(r"\] (\S+) source: (?:jar:)?file:(\S+?)(?:!/)?$")
for line in open(log, encoding="utf-8", errors="replace"):
    m = pattern.search(line.strip())
    if m:
        name, src = m.group(1), os.path.normpath(m.group(2))
        loaded.setdefault(src, set()).add(name.replace(".", "/") + ".class")

NATIVE = (".so", ".dll", ".dylib", ".jnilib", ".a")
THIS_PLATFORM = re.compile(r"linux.*(x86[-_]64|amd64)|(x86[-_]64|amd64).*linux", re.I)
os.makedirs(out, exist_ok=True)
kept = dropped = 0
for i, entry in enumerate(p for p in classpath.split(":") if p):
    path = os.path.normpath(os.path.abspath(entry))
    classes = loaded.get(path, set()) | loaded.get(path + "/", set())
    if not classes and not os.path.isdir(path):
        dropped += 1
        continue
    target = os.path.join(out, "%03d-%s" % (i, os.path.basename(path.rstrip("/")) or "classes"))
    if not target.endswith(".jar"):
        target += ".jar"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as z:
        if os.path.isdir(path):  # our own class directories: everything
            for base, _, files in os.walk(path):
                for f in files:
                    full = os.path.join(base, f)
                    z.write(full, os.path.relpath(full, path))
        else:
            trim = os.path.getsize(path) > (2 << 20)
            outers = {c.split("$")[0] + ".class" for c in classes}
            with zipfile.ZipFile(path) as src:
                for info in src.infolist():
                    n = info.filename
                    if n.endswith("/"):
                        continue
                    if n.endswith(".class"):
                        if trim and n not in classes and n.split("$")[0] + ".class" not in outers:
                            continue
                    elif n.endswith(NATIVE) and not THIS_PLATFORM.search(n):
                        continue
                    elif re.search(r"META-INF/.*\.(SF|RSA|DSA)$", n):
                        continue  # signatures no longer match a slimmed jar
                    z.writestr(n, src.read(n))
    kept += 1
print("slim classpath: %d jars kept, %d dropped (no class loaded)" % (kept, dropped))
