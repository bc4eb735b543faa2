"""Prefect artifacts of a run: what the Prefect UI shows on the flow run's Artifacts tab.

Only orchestration lives here: the figures come from the ``summary`` the flow
already holds and from the files the run published. The UI renders markdown
and tables; it cannot open ``file://`` links, so the report's location is
given as text to copy.
"""

from pathlib import Path

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from astro_ie.models import LABELS

SUMMARY_KEY = "astro-ie-summary"
CONCEPTS_KEY = "astro-ie-concepts"
PAIRS_KEY = "astro-ie-pairs"


def summary_markdown(out_dir: Path, summary: dict) -> str:
    """The run's figures as markdown: counts per label, top concepts and pairs, where the outputs are."""
    counts = summary["counts"]
    lines = [
        "# astro-ie run",
        "",
        f"**{counts['abstracts']}** abstracts, **{counts['mentions']}** mentions, "
        f"**{counts['concepts']}** concepts, **{counts.get('candidates', 0)}** new candidates, "
        f"{counts.get('skipped', 0)} bad record(s) skipped, "
        f"{counts.get('cached_batches', 0)}/{counts.get('batches', 0)} batches from the cache.",
        "",
        "| label | mentions |",
        "|---|---|",
    ]
    per_label = counts.get("mentions_per_label", {})
    lines += [f"| {label} | {per_label.get(label, 0)} |" for label in LABELS]
    top = summary.get("top_concepts", {})
    if any(top.get(label) for label in LABELS):
        lines += ["", "## Top concepts", ""]
        for label in LABELS:
            if top.get(label):
                lines.append(f"- **{label}**: " + ", ".join(f"{name} ({n})" for _, name, n in top[label][:5]))
    pairs = summary.get("top_pairs") or []
    if pairs:
        lines += ["", "## Top technique–instrument pairs", "", "| technique | instrument | abstracts |",
                  "|---|---|---|"]
        lines += [f"| {p.get('source_label') or p.get('source')} | {p.get('target_label') or p.get('target')} "
                  f"| {p.get('weight')} |" for p in pairs[:10]]
    candidates = summary.get("new_candidates") or []
    if candidates:
        lines += ["", "## New candidates (for curators)", ""]
        lines += [f"- `{cid}` ({label}, {n} abstracts)" for cid, label, n in candidates[:10]]
    lines += ["", "## Outputs", "", f"Directory: `{out_dir}`"]
    report = out_dir / "report.html"
    if report.exists():
        lines.append(f"Report (open in a browser): `{report}`")
    return "\n".join(lines) + "\n"


def concept_rows(summary: dict) -> list[dict]:
    """Rows of the top-concepts table artifact: up to five concepts per label."""
    top = summary.get("top_concepts", {})
    return [{"label": label, "concept_id": cid, "concept": name, "abstracts": n}
            for label in LABELS for cid, name, n in top.get(label, [])[:5]]


def publish_run_artifacts(out_dir: Path, summary: dict) -> list:
    """Publish the run's markdown summary and its tables; return the artifact ids.

    ``summary`` holds ``counts`` (as in ``manifest.json``, with
    ``cached_batches`` and ``batches``) and may hold ``top_concepts``
    (label -> ``[(id, name, abstracts)]``), ``top_pairs`` (the
    technique–instrument graph's top edges) and ``new_candidates``.
    """
    out_dir = Path(out_dir).resolve()
    ids = [create_markdown_artifact(markdown=summary_markdown(out_dir, summary), key=SUMMARY_KEY,
                                    description="astro-ie run summary")]
    rows = concept_rows(summary)
    if rows:
        ids.append(create_table_artifact(table=rows, key=CONCEPTS_KEY, description="Top concepts per label"))
    pairs = [{"technique": p.get("source_label") or p.get("source"),
              "instrument": p.get("target_label") or p.get("target"), "abstracts": p.get("weight")}
             for p in (summary.get("top_pairs") or [])[:20]]
    if pairs:
        ids.append(create_table_artifact(table=pairs, key=PAIRS_KEY, description="Top technique–instrument pairs"))
    return ids
