"""docs/bench/serve.md from the files benches/serve-load.sh leaves in its work folder."""
import re, sys, os
work, tasks, plans, ingest, clients, secs, agencies, home, agency, warm, warm_err, oxi = sys.argv[1:]
def read(name):
    t = open(f"{work}/{name}").read()
    ms = lambda s: float(s[:-2]) if s.endswith("ms") else float(s[:-2]) / 1000 if s.endswith("us") else float(s[:-1]) * 1000
    lat = {m.group(1): ms(m.group(2)) for m in re.finditer(r"^\s+(50|99)%\s+(\S+)", t, re.M)}
    maxl = re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", t).group(1)
    reqs = int(re.search(r"(\d+) requests in", t).group(1))
    rps = float(re.search(r"Requests/sec:\s+(\S+)", t).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(x) for x in sock.groups()) if sock else 0)
    return reqs, rps, lat["50"], lat["99"], ms(maxl), errors
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print("# `fengong serve` under load\n")
print(f"`benches/serve-load.sh` on {os.cpu_count()} cores ({cpu}). A store of {tasks} generated tasks ({plans} plans, "
      f"ingested in {float(ingest):.0f} s); wrk 4.1 holds {clients} connections to 127.0.0.1, sending requests back to back for "
      f"{secs} s per run from the same machine (it shares the cores with the server). Errors: responses other than 200, and "
      f"socket errors. The SPARQL requests are two queries for each of {agencies} agencies (its lead tasks with their plans, "
      f"LIMIT 200; the agencies it shares tasks with, counted, top 20); the mixed load adds, for the same agencies, their page "
      f"(`/agency`, with its ego diagram) and the answer to “X牵头哪些任务?” (`/ask`), a third each.\n")
hc, ht = home.split(); ac, at = agency.split()
print(f"Right after start, while the server warms what pages share (the counts, the plan list, the whole network read "
      f"and analysed), the home page took {float(ht):.2f} s (status {hc}) and then the first agency page {float(at):.2f} s "
      f"(status {ac}). Then every request of the mixed load once, one at a time: {float(warm):.0f} s, {warm_err} errors "
      f"(each agency's ego diagram is drawn by `dot` on its first view and kept).\n")
print("| server | load | requests | requests/s | p50 ms | p99 ms | max ms | errors |\n|---|---|---:|---:|---:|---:|---:|---:|")
runs = [("fengong serve --timeout 30", "agency pages, asks, SPARQL", "wrk-mixed.txt"),
        ("fengong serve --timeout 30", "SPARQL", "wrk-sparql.txt"),
        ("fengong serve --timeout 30 --cache-answers 0", "SPARQL", "wrk-sparql-evaluated.txt"),
        (f"{oxi} serve-read-only --timeout-s 30", "SPARQL", "wrk-oxigraph-timeout.txt"),
        (f"{oxi} serve-read-only", "SPARQL", "wrk-oxigraph.txt")]
for server, load, f in runs:
    r, rps, p50, p99, mx, e = read(f)
    print(f"| {server} | {load} | {r} | {rps:.0f} | {p50:.1f} | {p99:.1f} | {mx:.1f} | {e} |")
print()
for name in ["oxigraph-timeout", "oxigraph"]:
    alive = open(f"{work}/{name}.fate").read().strip() == "alive"
    log = open(f"{work}/{name}.log", errors="replace").read()
    errors = log.count("Internal server error")
    why = re.search(r"(failed to [^:\n]*: [^\n]*\(os error \d+\))", log)
    first = re.search(r"Internal server error: ([^\n]+)", log)
    fate = "ran to the end" if alive else "died during the run" + (f" ({why.group(1)})" if why else "")
    if errors:
        fate += f"; {errors} requests answered 500" + (f", such as “{first.group(1)}”" if first else "")
    print(f"- `{oxi} serve-read-only{' --timeout-s 30' if name.endswith('timeout') else ''}`: {fate}.")
