#!/usr/bin/env python3
"""Import cycles among the modules of src/ (run by .ci/run).

Reads every `crate::…`, `super::…` and `self::…` path (also inside `use
a::{b, c}`) of each file, outside comments and the `#[cfg(test)] mod tests`
at its end, and resolves it to the module it names. Edges between a module
and its own ancestors do not count (a child uses its parent's types, the
parent declares its children). Prints the cycles (strongly connected
components) among files, and among folders folded to two and one path
segments; `-v` lists every edge. Exits 1 when files or folders two deep
form a cycle; cycles among the top-level folders are reported only.

Usage: python3 .ci/cycles.py [src] [-v]"""
import os, re, sys
args = [a for a in sys.argv[1:] if not a.startswith("-")]
root = args[0] if args else "src"
mods = {}
for d, _, fs in os.walk(root):
    for f in fs:
        if not f.endswith(".rs"): continue
        p = os.path.join(d, f)
        rel = os.path.relpath(p, root)[:-3].split(os.sep)
        if rel[-1] in ("mod", "lib", "main"): rel = rel[:-1]
        mods["::".join(rel)] = p
def resolve(parts):
    for n in range(len(parts), 0, -1):
        m = "::".join(parts[:n])
        if m in mods: return m
    return None
edges = {m: set() for m in mods}
path_re = re.compile(r"\b((?:crate|super|self)(?:::\w+)+)")
brace_re = re.compile(r"\b((?:crate|super|self)(?:::\w+)*)::\{([^;]*?)\};", re.S)
for m, p in mods.items():
    src = open(p).read()
    # drop #[cfg(test)] mod tests { ... } at the end of a file (tests are not the module's dependencies)
    i = src.find("#[cfg(test)]\nmod tests")
    if i >= 0: src = src[:i]
    src = re.sub(r"//.*", "", src)
    here = m.split("::") if m else []
    is_dir = os.path.basename(p) in ("mod.rs", "lib.rs", "main.rs")
    def absolute(path):
        parts = path.split("::")
        base = here if is_dir else here[:-1]  # `self` for a file module is the module itself
        if parts[0] == "crate": return parts[1:]
        out = list(here)
        if parts[0] == "self": return out + parts[1:]
        while parts and parts[0] == "super":
            out = out[:-1]; parts = parts[1:]
        return out + parts
    found = [absolute(x) for x in path_re.findall(src)]
    for prefix, body in brace_re.findall(src):
        for item in re.split(r",", body):
            item = item.strip().split(" as ")[0].strip()
            item = re.sub(r"[{}\s]", "", item)
            if item and item != "self":
                found.append(absolute(prefix + "::" + item.split("::")[0]))
    for parts in found:
        t = resolve(parts)
        # A module and its ancestors are one unit (a child uses its parent's
        # types with `super::`, the parent declares and calls its children):
        # only edges between modules where neither contains the other count.
        if t is not None and t != m and not m.startswith(t + "::") and t != "":
            edges[m].add(t)
def sccs_of(edges):
    index = {}; low = {}; stack = []; on = set(); out = []; n = [0]
    def strong(v):
        index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
        for w in edges[v]:
            if w not in index: strong(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            c = []
            while True:
                w = stack.pop(); on.discard(w); c.append(w)
                if w == v: break
            out.append(c)
    for v in sorted(edges):
        if v not in index: strong(v)
    return [sorted(c) for c in out if len(c) > 1]
def fold(edges, depth):
    """Each module with its submodules as one node, `depth` path segments deep."""
    f = lambda m: "::".join(m.split("::")[:depth])
    out = {}
    for a, ts in edges.items():
        fa = f(a); out.setdefault(fa, set())
        for t in ts:
            ft = f(t); out.setdefault(ft, set())
            if fa != ft and not fa.startswith(ft + "::") and not ft.startswith(fa + "::"):
                out[fa].add(ft)
    return out
sys.setrecursionlimit(10000)
if "-v" in sys.argv:
    for m in sorted(edges):
        print(f"{m or '(crate)'} -> {', '.join(sorted(edges[m]))}")
total = 0
for name, g in [("files", edges), ("folded to depth 2", fold(edges, 2)), ("folded to depth 1", fold(edges, 1))]:
    cycles = sccs_of(g)
    if name != "folded to depth 1":
        total += len(cycles)
    print(f"{name}: {len(g)} modules, {sum(len(e) for e in g.values())} edges, {len(cycles)} cycle(s)")
    for c in cycles:
        print("  cycle:", " <-> ".join(c))
        for a in c:
            print("     ", a, "->", ", ".join(sorted(t for t in g[a] if t in c)))
sys.exit(1 if total else 0)
