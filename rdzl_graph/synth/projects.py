"""The project files of a synthetic programme: one file per top-level project with its sub-projects.

A project is written in parts (:func:`project`): what it is and where, its tasks, its status, its
partners, milestones, attention points, a quote, its task assignments and its funding. Each part
draws from the :class:`~.generator.Generator` in a fixed order, so a seed gives the same texts.
"""

from __future__ import annotations

from .generator import Generator
from .vocabulary import HEADER, NOTICE, REPORT, RISKS, ROLES, THEMES, lit

Part = tuple[list[str], list[str]]  # lines of the project's own block, blocks of the resources it links


def _identity(gen: Generator, slug: str, number: int, line: int, parent: str | None, heading: int) -> list[str]:
    """The project's type, names, line, tranche, parent or heading, municipalities, places and themes."""
    rng = gen.rng
    kind = "SubProject" if parent else "Project"
    name = f"Deelproject {number}" if parent else f"Project {number}"
    lines = [
        f"project:{slug} a rdzl:{kind} ;",
        f"    rdfs:label {lit(name)} , {lit(name.replace('Deelproject', 'Sub-project'), 'en')} ;",
        f"    dcterms:description {lit(f'Synthetisch {name.lower()} (gegenereerd, geen echte gegevens).')} ,",
        f"        {lit(f'Synthetic {kind.lower()} {number} (generated, not real data).', 'en')} ;",
        f"    rdzl:programmeLine line:lijn-{line} ;",
        f"    rdzl:tranche tranche:{rng.choice((4, 4, 5, 6))} ;",
    ]
    if parent:
        lines.append(f"    rdzl:isPartOf project:{parent} ;")
    else:
        lines.append(f"    rdzl:headingNumber {heading} ;")
    for gm in sorted(set(rng.randrange(1, gen.n_municipalities + 1) for _ in range(rng.choice((0, 1, 1, 2, 3))))):
        lines.append(f"    rdzl:inMunicipality gm:gemeente-{gm} ;")
    for pl in sorted(set(rng.randrange(1, gen.n_places + 1) for _ in range(rng.choice((0, 1, 1, 2))))):
        lines.append(f"    rdzl:location place:plaats-{pl} ;")
    themes = sorted(set(rng.choices(THEMES, gen.theme_w, k=rng.randint(1, 5))))
    lines.append("    rdzl:theme " + " , ".join(f"theme:{t}" for t in themes) + " ;")
    return lines


def _status(gen: Generator) -> list[str]:
    rng = gen.rng
    status = "aandachtspunten" if rng.random() < 0.1 else ("niet-gerapporteerd" if rng.random() < 0.15 else "op-schema")
    return [f"    rdzl:reportedStatus status:{status} ;",
            f"    rdzl:statusCertainty certainty:{rng.choice(('zeker', 'zeker', 'onzeker'))} ;"]


def _participations(gen: Generator, slug: str) -> Part:
    """Up to 15 partners (none for a quarter of the projects), each with a role."""
    rng = gen.rng
    n_orgs = 0 if rng.random() < 0.25 else min(15, 1 + int(rng.expovariate(0.4)))
    chosen: list[int] = []
    while len(chosen) < n_orgs:
        org = gen.pick_org()
        if org not in chosen:
            chosen.append(org)
    lines = [] if chosen else ["    rdzl:reportNamesNoPartner true ;"]
    body = []
    roles, role_w = zip(*ROLES)
    for org in chosen:
        gen.org_urn.append(org)
        lines.append(f"    rdzl:hasParticipation partic:{slug}--organisatie-{org} ;")
        body.append(f"""partic:{slug}--organisatie-{org} a rdzl:Participation ;
    rdzl:organisation orgs:organisatie-{org} ;
    rdzl:role role:{rng.choices(roles, role_w)[0]} ;
    rdzl:sourceReport {REPORT} .
""")
    return lines, body


def _milestones(gen: Generator, slug: str, name: str, tasks: list[str]) -> Part:
    rng = gen.rng
    lines, body = [], []
    for m in range(1, rng.randint(1, 5) + 1):
        lines.append(f"    rdzl:hasMilestone milestone:{slug}-{m} ;")
        period = f'    rdzl:period "{rng.choice(("voorjaar", "zomer", "najaar"))} {rng.randint(2024, 2027)}" ;\n' \
            if rng.random() < 0.4 else ""
        state = rng.choice(("behaald", "behaald", "lopend", "gepland"))
        body.append(f"""milestone:{slug}-{m} a rdzl:Milestone ;
    rdfs:label {lit(f"Mijlpaal {m} van {name}")} , {lit(f"Milestone {m} of {name}", "en")} ;
    rdzl:milestoneState mstate:{state} ;
{period}{gen.tags(tasks, state == "behaald")}    rdzl:sourceReport {REPORT} .
""")
    return lines, body


def _attention_points(gen: Generator, slug: str, name: str, tasks: list[str]) -> Part:
    rng = gen.rng
    lines, body = [], []
    for a in range(1, rng.choice((0, 1, 1, 2, 3)) + 1):
        lines.append(f"    rdzl:hasAttentionPoint attention:{slug}-{a} ;")
        body.append(f"""attention:{slug}-{a} a rdzl:AttentionPoint ;
    rdfs:label {lit(f"Aandachtspunt {a} van {name}")} , {lit(f"Attention point {a} of {name}", "en")} ;
    rdzl:attentionCategory risk:{rng.choices(RISKS, gen.risk_w)[0]} ;
{gen.tags(tasks, False)}    rdzl:sourceReport {REPORT} .
""")
    return lines, body


def _quote(gen: Generator, slug: str) -> Part:
    rng = gen.rng
    if rng.random() >= 0.2:
        return [], []
    person = rng.randrange(1, gen.n_persons + 1)
    return [f"    rdzl:hasQuote quote:persoon-{person}--{slug} ;"], [f"""quote:persoon-{person}--{slug} a rdzl:Quote ;
    rdzl:quotedPerson person:persoon-{person} ;
    rdzl:sourceReport {REPORT} .
"""]


def _task_assignments(slug: str, tasks: list[str]) -> list[str]:
    return [f"""tassign:{slug}--{t} a rdzl:TaskAssignment ;
    rdzl:task task:{t} ;
    rdzl:evidence {lit("Synthetische toewijzing (gegenereerd).")} ;
    rdzl:sourceReport {REPORT} ;
    rdzl:sourceSection "Synthetische sectie {slug}" .
""" for t in tasks]


def project(gen: Generator, slug: str, number: int, line: int, parent: str | None, heading: int,
            funded: bool) -> str:
    """The Turtle of one project (or sub-project) and of the resources only it links to."""
    name = f"Deelproject {number}" if parent else f"Project {number}"
    lines = _identity(gen, slug, number, line, parent, heading)
    tasks = gen.tasks()
    lines += [f"    rdzl:hasTaskAssignment tassign:{slug}--{t} ;" for t in tasks]
    lines += _status(gen)
    body: list[str] = []
    for part_lines, part_body in (_participations(gen, slug), _milestones(gen, slug, name, tasks),
                                  _attention_points(gen, slug, name, tasks), _quote(gen, slug)):
        lines += part_lines
        body += part_body
    body += _task_assignments(slug, tasks)
    if funded:
        lines.append(f"    rdzl:hasFunding funding:{slug} ;")
        body.append(gen.funding(slug, name))
    lines.append(f"    rdzl:sourceReport {REPORT} ;")
    lines.append(f'    rdzl:sourceSection "Synthetische sectie {slug}" .')
    return "\n".join(["\n".join(lines) + "\n", *body])


def project_files(gen: Generator) -> dict[str, str]:
    """``projects/p<n>.ttl`` -> Turtle: every top-level project with its sub-projects (rarely nested two deep)."""
    files: dict[str, str] = {}
    number = 0
    heading = 0
    while number < gen.n:
        number += 1
        heading += 1
        top = f"p{number}"
        line = gen.rng.randrange(1, gen.n_lines + 1)
        units = [(top, number, None)]
        if gen.rng.random() < 0.12 and gen.n - number >= 2:
            for s in range(1, min(gen.n - number, gen.rng.randint(2, 6)) + 1):
                number += 1
                parent = top
                if s > 2 and gen.rng.random() < 0.3:  # sometimes nested two deep
                    parent = f"{top}-s{gen.rng.randint(1, s - 1)}"
                units.append((f"{top}-s{s}", number, parent))
        # funding goes to projects without parts (as in the report: parents have none)
        parents = {parent for _slug, _n, parent in units}
        texts = [project(gen, slug, n, line, parent, heading, funded=slug not in parents) for slug, n, parent in units]
        files[f"projects/{top}.ttl"] = HEADER + NOTICE + "\n" + "\n".join(texts)
    return files
