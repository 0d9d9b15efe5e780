"""SQLite FTS5 (trigram tokenizer) on the tasks the search benchmark indexes: builds the table
from TASKS.tsv (title, text, section, plan title per line), then times each query 5 times:
the first 20 rows by bm25() and the count of matches, as fengong's index answers them.
Prints: build seconds, database MiB, p50 ms, p99 ms. Usage: fts5.py TASKS.tsv QUERIES.txt DB"""
import os
import sqlite3
import sys
import time

tsv, queries, db = sys.argv[1:4]
if os.path.exists(db):
    os.remove(db)
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=OFF")
con.execute("PRAGMA synchronous=OFF")
con.execute(
    "CREATE VIRTUAL TABLE tasks USING fts5(title, text, section, plan_title, tokenize='trigram')"
)
start = time.perf_counter()
with open(tsv, encoding="utf-8") as f:
    rows = (line.rstrip("\n").split("\t") for line in f)
    con.executemany("INSERT INTO tasks VALUES (?, ?, ?, ?)", (r for r in rows if len(r) == 4))
con.commit()
con.execute("INSERT INTO tasks(tasks) VALUES ('optimize')")
con.commit()
build = time.perf_counter() - start
size = os.path.getsize(db) / 1048576


def match(q):
    # Every word as a phrase (the trigram tokenizer needs three characters: a two-character
    # word becomes a LIKE substring filter, which scans).
    words = q.split()
    long = [w for w in words if len(w) >= 3]
    short = [w for w in words if len(w) < 3]
    return long, short


times = []
with open(queries, encoding="utf-8") as f:
    qs = [l.strip() for l in f if l.strip()]
for _ in range(5):
    for q in qs:
        long, short = match(q)
        where = []
        args = []
        if long:
            where.append("tasks MATCH ?")
            args.append(" AND ".join('"%s"' % w for w in long))
        for w in short:
            where.append("(title LIKE ? OR text LIKE ? OR section LIKE ? OR plan_title LIKE ?)")
            args.extend(["%" + w + "%"] * 4)
        sql_where = " AND ".join(where)
        t = time.perf_counter()
        order = "ORDER BY bm25(tasks)" if long else ""
        con.execute(
            "SELECT rowid FROM tasks WHERE %s %s LIMIT 20" % (sql_where, order), args
        ).fetchall()
        con.execute("SELECT count(*) FROM tasks WHERE %s" % sql_where, args).fetchone()
        times.append((time.perf_counter() - t) * 1000)
times.sort()


def pct(p):
    return times[min(len(times) - 1, round((len(times) - 1) * p))]


print("%.1f %.0f %.2f %.2f" % (build, size, pct(0.5), pct(0.99)))
