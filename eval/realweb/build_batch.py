#!/usr/bin/env python3
"""Real-web evaluation batches: turn a scratch folder into a feed, and labels into committed form.

usage:
  build_batch.py feed SCRATCH_DIR OUT.xml
      articles.jsonl of SCRATCH_DIR (url, title, published, text) -> one RSS 2.0 feed, one item per
      article, text as the item's description. The feed stays in scratch: it holds third-party text.
  build_batch.py labels SCRATCH_DIR OUT.labels.jsonl
      expected-tags.jsonl of SCRATCH_DIR -> the committed labels: link, published, vendors, chips,
      countries, events (type, items, destination, effective) and marketCaps; no title, no evidence,
      no article text.
  build_batch.py changes LABELS.jsonl OUT.changes.jsonl
      the export-status changes the labels imply (contract/export-status.md): every pair starts
      UNKNOWN; events applied in order of effective time (the label's `effective`, else the article's
      `published`), ties broken by link; an event that leaves a status where it was is no change.

The articles themselves are rebuilt with the search tool (corpus `pages`): the queries and links
are in each batch's QUERIES.md; the label files list every link.
"""
import html
import json
import sys
from datetime import datetime, timezone
from email.utils import format_datetime

STATUS = {"EXPORT_BAN": "BANNED", "EXPORT_LICENSE_REQUIRED": "RESTRICTED", "EXPORT_ALLOWED": "ALLOWED"}


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip().startswith("{")]


def when(text):
    if len(text) == 10:
        text += "T00:00:00Z"
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def feed(scratch, out):
    items = []
    for a in rows(f"{scratch}/articles.jsonl"):
        items.append(
            "<item><title>{}</title><link>{}</link><guid>{}</guid><pubDate>{}</pubDate><description>{}</description></item>".format(
                html.escape(a.get("title") or ""), html.escape(a["url"]), html.escape(a["url"]),
                format_datetime(when(a["published"]), usegmt=True), html.escape(a["text"])))
    with open(out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>real-web batch</title>'
                '<link>https://example.invalid/</link><description>scratch</description>\n')
        f.write("\n".join(items))
        f.write("\n</channel></rss>\n")
    print(f"{out}: {len(items)} items", file=sys.stderr)


def labels(scratch, out):
    with open(out, "w", encoding="utf-8") as f:
        for e in rows(f"{scratch}/expected-tags.jsonl"):
            events = []
            for ev in e.get("events") or []:
                kept = {k: ev[k] for k in ("type", "items", "destination") if k in ev}
                if ev.get("effective"):
                    kept["effective"] = ev["effective"]
                events.append(kept)
            f.write(json.dumps({
                "link": e["link"], "published": e["published"],
                "vendors": sorted(e.get("vendors") or []), "chips": sorted(e.get("chips") or []),
                "countries": sorted(e.get("countries") or []), "events": events,
                "marketCaps": [{"vendor": m["vendor"], "usd": m["usd"]} for m in e.get("marketCaps") or []],
            }) + "\n")


def changes(labelled, out):
    events = []
    for a in rows(labelled):
        for ev in a.get("events") or []:
            if ev["type"] not in STATUS:
                continue
            at = when(ev.get("effective") or a["published"])
            for item in ev.get("items") or []:
                events.append((at, a["link"], item, ev["destination"], STATUS[ev["type"]]))
    events.sort(key=lambda e: (e[0], e[1]))
    status = {}
    with open(out, "w", encoding="utf-8") as f:
        for at, link, item, dest, to in events:
            before = status.get((item, dest), "UNKNOWN")
            if before == to:
                continue
            status[(item, dest)] = to
            f.write(json.dumps({"item": item, "destination": dest, "from": before, "to": to,
                                "at": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "articles": [link]}) + "\n")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("feed", "labels", "changes"):
        sys.exit(__doc__)
    {"feed": feed, "labels": labels, "changes": changes}[sys.argv[1]](sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    main()
