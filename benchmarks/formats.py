"""Import throughput by input format, against plain text measured in the same run: the
sample corpus's articles written as plain text, as saved web pages (each paragraph in an
article body, among a news site's navigation, cookie banner, share buttons, comments and
footer), as Markdown and as one CSV file; each imported into a fresh database.

    python -m benchmarks.formats [--articles N]

Prints articles per second and MB/s of input for each format, its time as a ratio to
plain text's, and how many articles gave the same claims as their plain-text twin.
"""

from __future__ import annotations

import argparse
import csv
import html
import tempfile
import time
from pathlib import Path

from factdesk.importer import import_paths
from factdesk.readers.text import title_for
from factdesk.store import Store

ROOT = Path(__file__).resolve().parent.parent
FURNITURE_TOP = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Example</title><meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Staff Reporter"><link rel="canonical" href="https://news.example/{n}">
</head><body><header><a href="/">The Daily Example</a><nav><ul><li><a href="/">Home</a></li>
<li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="cookies">We use cookies to give you the best experience. <button>Accept</button></div>
<main><article><h1>{title}</h1>
"""
FURNITURE_BOTTOM = """<div class="share"><a href="#">Share on Facebook</a>
<a href="#">Share on X</a></div></article><aside><h3>Most read</h3><ul>
<li><a href="/a">Markets fall again</a></li>
<li><a href="/b">Storm warning for the coast</a></li></ul></aside></main>
<section id="comments"><h2>Comments</h2><form><textarea></textarea><button>Post</button></form>
<div class="comment"><p>First!</p></div></section>
<footer><p>© The Daily Example. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""


def articles(count: int) -> list[tuple[str, list[str]]]:
    """``count`` articles (title, paragraphs) cycled from the sample corpus, each with a
    line of its own so that no two are the same text."""
    corpus = []
    for path in sorted((ROOT / "sample_corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
        title = title_for(text, "")  # a headline, as a page's <h1>; else the body has it
        corpus.append((title or path.stem, paragraphs[1:] if title else paragraphs))
    return [
        (f"{title} ({n})", [*body, f"This is copy {n} of the story, the desk said on day {n}."])
        for n, (title, body) in ((n, corpus[n % len(corpus)]) for n in range(count))
    ]


def write_formats(folder: Path, items: list[tuple[str, list[str]]]) -> dict[str, Path]:
    """The articles in each format, a folder (or a file) each."""
    places = {name: folder / name for name in ("text", "HTML", "Markdown")}
    for place in places.values():
        place.mkdir()
    for n, (title, body) in enumerate(items):
        (places["text"] / f"{n:05}.txt").write_text(
            "\n\n".join([title, *body]) + "\n", encoding="utf-8"
        )
        page = FURNITURE_TOP.format(title=html.escape(title), n=n)
        page += "".join(f"<p>{html.escape(p)}</p>\n" for p in body) + FURNITURE_BOTTOM
        (places["HTML"] / f"{n:05}.html").write_text(page, encoding="utf-8")
        (places["Markdown"] / f"{n:05}.md").write_text(
            f"# {title}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8"
        )
    sheet = folder / "articles.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text"])
        for n, (title, body) in enumerate(items):
            writer.writerow([n, title, "\n\n".join(body)])
    return places | {"CSV": sheet}


def size(place: Path) -> int:
    return (
        sum(p.stat().st_size for p in place.rglob("*") if p.is_file())
        if place.is_dir()
        else (place.stat().st_size)
    )


def claims_in_order(db: Path) -> list[list[str]]:
    """Each article's claims (at any score), articles in the order they were imported."""
    with Store(db) as store:
        rows = store.conn.execute(
            "SELECT a.id, substr(a.text, c.start + 1, c.end - c.start) FROM articles a"
            " JOIN claims c ON c.article_id = a.id"
            " ORDER BY a.id, c.start"
        ).fetchall()
    found: dict[int, list[str]] = {}
    for article_id, text in rows:
        found.setdefault(article_id, []).append(text)
    return list(found.values())


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args(argv)
    items = articles(args.articles)
    lines = [f"{args.articles} articles from the sample corpus, each format into a fresh database"]
    lines.append(f"{'format':<10} {'MB in':>7} {'seconds':>8} {'articles/s':>11} {'MB/s':>6}"
                 f" {'× text':>7} {'same claims':>12}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="factdesk-formats-") as temp:
        folder = Path(temp)
        places = write_formats(folder, items)
        text_seconds, reference = 0.0, []
        for name, place in places.items():
            db = folder / f"{name}.db"
            started = time.perf_counter()
            with Store(db) as store:
                report = import_paths(store, [place])
            seconds = time.perf_counter() - started
            assert report.new == args.articles, (name, report.summary())
            found = claims_in_order(db)
            if name == "text":
                text_seconds, reference = seconds, found
            same = sum(1 for mine, theirs in zip(found, reference, strict=False) if mine == theirs)
            mb = size(place) / 1e6
            lines.append(
                f"{name:<10} {mb:>7.2f} {seconds:>8.2f} {args.articles / seconds:>11.0f}"
                f" {mb / seconds:>6.2f} {seconds / text_seconds:>7.2f} {same:>6} of {len(found)}"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    print(main())
