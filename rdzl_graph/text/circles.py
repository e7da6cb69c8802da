"""Terminal renderings of the knowledge-exchange circles (``rdzl-graph circles``, ``learn-from``), in nl/en.

Every label passes :func:`rdzl_graph.text.safety.clean`, so that no control character from the data reaches a terminal.
"""

from __future__ import annotations

from typing import Any

from .formatting import count_noun
from .safety import clean

__all__ = ["clean", "render_circles", "render_learn_from"]


def render_circles(report: dict[str, Any], lang: str = "nl") -> str:
    """Plain-text rendering of :func:`rdzl_graph.circles.circles_report`."""
    nl = lang == "nl"
    lines = []
    for circle in report["circles"]:
        lines.append(f"{clean(circle['label'])}  [{circle['decision']}]  ({count_noun(circle['size'], 'project', lang)}, "
                     f"{count_noun(len(circle['lines']), 'line', lang)})")
        for project in circle["projects"]:
            extra = f"  +{len(project['brings'])} / !{len(project['struggles'])}"
            lines.append(f"  - {clean(project['label'])} ({clean(project.get('programme_line_label') or '')}){extra}")
        label = {p["iri"]: p["label"] for p in circle["projects"]}
        for pair in circle["learn_from"]:
            lines.append(f"  {'leert van' if nl else 'learns from'}: {clean(label[pair['to']])} <- "
                         f"{clean(label[pair['from']])} ({clean(pair['about'])})")
        if circle["linking"]:
            lines.append(f"  {'Verbinders' if nl else 'Linking pins'}: {', '.join(clean(p['label']) for p in circle['linking'])}")
        lines.append(f"  {'Gastheer' if nl else 'Host'}: {clean(circle['host']['label'])}: {clean(circle['host']['reason'])}")
        lines += [f"  ? {clean(s)}" for s in circle["starters"]]
        lines.append("")
    if report.get("uncovered"):
        lines.append(("Niet in een kring: " if nl else "In no circle: ")
                     + ", ".join(clean(p["label"]) for p in report["uncovered"]))
    lines.append(f"{count_noun(len(report['circles']), 'circle', lang)}, "
                 f"{count_noun(len(report.get('learning', [])), 'learning', lang)}")
    return "\n".join(lines)


def render_learn_from(data: dict[str, Any], lang: str = "nl") -> str:
    """Plain-text rendering of :func:`rdzl_graph.circles.learn_from_report`."""
    nl = lang == "nl"
    lines = [clean(data["label"])]
    if not data["learn_from"] and not data["tasks"]:
        lines.append("  geen projecten met ervaring gevonden" if nl else "  no projects with experience found")
    for pair in data["learn_from"]:
        lines.append(f"  {clean(pair['from_label'])} ({clean(pair['about'])})")
        lines.append(f"    {'bereikt' if nl else 'reached'}: {clean(pair['milestone']['label'])}")
        lines.append(f"    {'aandachtspunt' if nl else 'attention point'}: {clean(pair['attention_point']['label'])}")
    for item in data["tasks"]:
        lines.append(f"  {clean(item['from_label'])} ({'opgave' if nl else 'task'}: {clean(item['task_label'])})")
        lines.append(f"    {'bereikt' if nl else 'reached'}: {clean(item['milestone']['label'])}")
    return "\n".join(lines)
