"""SPARQL clients fengong did not write, against `fengong serve`: SPARQLWrapper for each result
format it asks for, rdflib to read the graphs, urllib for N-Triples (SPARQLWrapper has no such
return format). Prints, as JSON, the task titles each format returned, for tests/serve.rs to
compare with the gold annotations.

    python3 tests/sparql_clients.py http://127.0.0.1:PORT/query "PLAN TITLE"
"""

import csv
import io
import json
import sys
import urllib.parse
import urllib.request

import rdflib
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper

endpoint, plan = sys.argv[1], sys.argv[2]
# The project's prefixes need no declaration on this endpoint; dcterms: and fg: are used bare.
select = f"""SELECT ?title WHERE {{
  ?p dcterms:title ?t . FILTER(STR(?t) = {json.dumps(plan)})
  ?task fg:partOfPlan ?p ; dcterms:title ?title .
}}"""
construct = f"""CONSTRUCT {{ ?task <http://purl.org/dc/terms/title> ?title }} WHERE {{
  ?p dcterms:title ?t . FILTER(STR(?t) = {json.dumps(plan)})
  ?task fg:partOfPlan ?p ; dcterms:title ?title .
}}"""
ask = f"""ASK {{ ?p dcterms:title ?t . FILTER(STR(?t) = {json.dumps(plan)}) }}"""

out = {}


def client(query, fmt, post=False):
    s = SPARQLWrapper(endpoint)
    s.setQuery(query)
    s.setReturnFormat(fmt)
    if post:
        s.setMethod(POST)
    return s.query()


r = client(select, JSON).convert()
out["json"] = [b["title"]["value"] for b in r["results"]["bindings"]]

doc = client(select, XML, post=True).convert()
out["xml"] = [
    lit.firstChild.nodeValue
    for b in doc.getElementsByTagName("binding")
    if b.getAttribute("name") == "title"
    for lit in b.getElementsByTagName("literal")
]

rows = list(csv.reader(io.StringIO(client(select, CSV, post=True).convert().decode("utf-8"))))
assert rows[0] == ["title"], rows[0]
out["csv"] = [r[0] for r in rows[1:]]

lines = client(select, TSV).convert().decode("utf-8").splitlines()
assert lines[0] == "?title", lines[0]
# TSV writes terms in SPARQL syntax: "text"@zh.
out["tsv"] = [rdflib.util.from_n3(line).value for line in lines[1:] if line]

g = rdflib.Graph()
g.parse(data=client(construct, TURTLE).convert(), format="turtle")
out["turtle"] = [str(o) for o in g.objects(None, rdflib.DCTERMS.title)]

req = urllib.request.Request(
    endpoint + "?" + urllib.parse.urlencode({"query": construct}),
    headers={"Accept": "application/n-triples"},
)
with urllib.request.urlopen(req) as resp:
    out["ntriples_type"] = resp.headers.get("Content-Type")
    g = rdflib.Graph()
    g.parse(data=resp.read().decode("utf-8"), format="nt")
out["ntriples"] = [str(o) for o in g.objects(None, rdflib.DCTERMS.title)]

out["ask"] = client(ask, JSON).convert()["boolean"]

print(json.dumps(out, ensure_ascii=False))
