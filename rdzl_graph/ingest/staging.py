"""Staged Turtle: what an edition says per project, in the ``data/`` layout and IRIs.

``DIR/projects/<slug>.ttl`` holds one top-level project with its sub-projects (as in
``data/projects/``); ``DIR/organisations.ttl`` and ``DIR/persons.ttl`` the organisations and people
the graph does not know yet; ``DIR/report.ttl`` the edition itself (``report:<edition>``). Every
staged resource cites ``rdzl:sourceReport report:<edition>``. New allocations, attention points and
quotes get edition-qualified IRIs (``funding:<project>--<edition>``, ``attention:<project>--<edition>-<n>``,
``quote:<person>--<edition>``), so that they never clash with the nodes of an earlier edition, which
``ingest accept`` keeps (data/README.md, "Editions").

Honesty rules: descriptions are not written (the maintainer writes them in their own words); a
new attention point gets no label, only a Turtle *comment* quoting the report with page and line
(comments never reach the graph); an attention point that fits a current one keeps its IRI and our
own label; a participation gets no role (the report's wording must be read to choose one). So a
staged file is valid Turtle but does not pass the data contract until the maintainer has filled
in what is missing, which is what ``ingest accept`` must check.
"""

from __future__ import annotations

from collections.abc import Sequence

from .changes import ATTENTION_THRESHOLD, ProjectResult, word_overlap
from .known import KnownGraph, slug_of
from .sections import normalise

PREFIXES = """@prefix rdzl:      <https://w3id.org/rdzl-graph/ont#> .
@prefix project:   <https://w3id.org/rdzl-graph/id/project/> .
@prefix partic:    <https://w3id.org/rdzl-graph/id/participation/> .
@prefix funding:   <https://w3id.org/rdzl-graph/id/funding/> .
@prefix attention: <https://w3id.org/rdzl-graph/id/attention/> .
@prefix quote:     <https://w3id.org/rdzl-graph/id/quote/> .
@prefix orgs:      <https://w3id.org/rdzl-graph/id/org/> .
@prefix person:    <https://w3id.org/rdzl-graph/id/person/> .
@prefix line:      <https://w3id.org/rdzl-graph/id/line/> .
@prefix report:    <https://w3id.org/rdzl-graph/id/report/> .
@prefix status:    <https://w3id.org/rdzl-graph/id/status/> .
@prefix certainty: <https://w3id.org/rdzl-graph/id/certainty/> .
@prefix role:      <https://w3id.org/rdzl-graph/id/role/> .
@prefix risk:      <https://w3id.org/rdzl-graph/id/risk/> .
@prefix theme:     <https://w3id.org/rdzl-graph/id/theme/> .
@prefix task:      <https://w3id.org/rdzl-graph/id/task/> .
@prefix tassign:   <https://w3id.org/rdzl-graph/id/task-assignment/> .
@prefix milestone: <https://w3id.org/rdzl-graph/id/milestone/> .
@prefix mstate:    <https://w3id.org/rdzl-graph/id/milestone-state/> .
@prefix gm:        <https://w3id.org/rdzl-graph/id/municipality/> .
@prefix place:     <https://w3id.org/rdzl-graph/id/place/> .
@prefix country:   <https://w3id.org/rdzl-graph/id/country/> .
@prefix skos:      <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs:      <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms:   <http://purl.org/dc/terms/> .
@prefix foaf:      <http://xmlns.com/foaf/0.1/> .
@prefix xsd:       <http://www.w3.org/2001/XMLSchema#> .
"""


def literal(text: str, lang: str | None = None) -> str:
    """A Turtle string literal, escaped.

    Examples
    --------
    >>> literal('Zeg "ja"\\n', "nl")
    '"Zeg \\\\"ja\\\\"\\\\n"@nl'
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def comment(text: str) -> str:
    """A Turtle comment line (line breaks removed)."""
    return "# " + " ".join(text.split())


def name_slug(name: str) -> str:
    """The slug of a new organisation or person name (data/README.md IRIs)."""
    return "-".join(normalise(name).split()) or "naamloos"


def status_slug(label: str) -> str:
    """``Op schema`` -> ``op-schema``."""
    return name_slug(label)


def _org_ref(candidate) -> str:
    return f"orgs:{slug_of(candidate.iri)}" if candidate.iri else f"orgs:{name_slug(str(candidate.value))}"


def _person_ref(candidate) -> str:
    return f"person:{slug_of(candidate.iri)}" if candidate.iri else f"person:{name_slug(str(candidate.value))}"


def _attention(result: ProjectResult, edition: str) -> tuple[list[str], list[str]]:
    current = sorted(result.known.attention.items()) if result.known else []
    refs, blocks, used = [], [], set()
    next_number = 1  # new points are numbered per edition: attention:<project>--<edition>-<n>
    for sentence in result.of_kind("attention"):
        scored = sorted(((word_overlap(str(sentence.value), label), iri, label) for iri, label in current), reverse=True)
        source = comment(f'citaat p. {sentence.line.page} r. {sentence.line.number}: "{sentence.value}"')
        if scored and scored[0][0] >= ATTENTION_THRESHOLD:
            _, iri, label = scored[0]
            if iri in used:
                blocks.append(f"# (ook bij {'attention:' + slug_of(iri)}) {source[2:]}")
                continue
            used.add(iri)
            ref = f"attention:{slug_of(iri)}"
            body = [source, f"{ref} a rdzl:AttentionPoint ;", f"    rdfs:label {literal(label, 'nl')} ;"]
        else:
            ref = f"attention:{result.slug}--{edition}-{next_number}"
            next_number += 1
            body = [source, "# NIEUW: label in eigen woorden te schrijven door de beheerder", f"{ref} a rdzl:AttentionPoint ;"]
        refs.append(ref)
        blocks.append("\n".join(body + [f"    rdzl:sourceReport report:{edition} ."]))
    return refs, blocks


def _project_block(result: ProjectResult, parent: str | None, edition: str) -> list[str]:
    section, project = result.section, result.known
    kind = "rdzl:SubProject" if (parent or (project and project.parent)) else "rdzl:Project"
    label = project.label if project else section.heading.text
    props = [f"    rdfs:label {literal(label, 'nl')}"]
    if parent or (project and project.parent):
        props.append(f"    rdzl:isPartOf project:{parent or slug_of(project.parent)}")
    programme_line = (project.line if project else None) or section.line
    if programme_line:
        props.append(f"    rdzl:programmeLine line:{slug_of(programme_line)}")
    if section.heading.number is not None:
        props.append(f"    rdzl:headingNumber {section.heading.number}")
    extra: list[str] = []
    status = result.first("status")
    if status is not None:
        props.append(f"    rdzl:reportedStatus status:{status_slug(str(status.value))}")
        props.append(f"    rdzl:statusCertainty certainty:{status.certainty}")
    amount = result.first("amount")
    if amount is not None:
        props.append(f"    rdzl:hasFunding funding:{result.slug}--{edition}")
        extra.append("\n".join([
            comment(f"bron p. {amount.line.page} r. {amount.line.number}"),
            f"funding:{result.slug}--{edition} a rdzl:FundingAllocation ;",
            f"    rdfs:label {literal(f'Regio Deal middelen voor {label}', 'nl')} ;",
            f"    rdzl:amountEUR \"{amount.value}\"^^xsd:decimal ;",
            f"    rdzl:assignmentCertainty certainty:{amount.certainty} ;",
            f"    rdzl:assignmentNote {literal(amount.note, 'nl')} ;",
            f"    rdzl:sourceReport report:{edition} ."]))
    for org in result.of_kind("organisation"):
        org_slug = _org_ref(org).split(":", 1)[1]
        props.append(f"    rdzl:hasParticipation partic:{result.slug}--{org_slug}")
        extra.append("\n".join([
            comment(f"bron p. {org.line.page} r. {org.line.number}; rol te bepalen door de beheerder"),
            f"partic:{result.slug}--{org_slug} a rdzl:Participation ;",
            f"    rdzl:organisation {_org_ref(org)} ;",
            f"    rdzl:sourceReport report:{edition} ."]))
    for person in result.of_kind("person"):
        if person.note != "geciteerd":
            continue
        ref = f"quote:{_person_ref(person).split(':', 1)[1]}--{edition}"
        props.append(f"    rdzl:hasQuote {ref}")
        extra.append("\n".join([comment(f"bron p. {person.line.page} r. {person.line.number} (citaat zelf niet overgenomen)"),
                                f"{ref} a rdzl:Quote ;", f"    rdzl:quotedPerson {_person_ref(person)} ;",
                                f"    rdzl:sourceReport report:{edition} ."]))
    refs, attention_blocks = _attention(result, edition)
    props.extend(f"    rdzl:hasAttentionPoint {ref}" for ref in refs)
    props.append(f"    rdzl:sourceReport report:{edition}")
    heading = section.heading
    props.append(f"    rdzl:sourceSection {literal(f'p. {heading.first.page} r. {heading.first.number}: {heading.text}')}")
    head = [comment(f"--- {label} (p. {heading.first.page}, r. {heading.first.number}) ---"),
            "# beschrijving: te schrijven door de beheerder (niet overgenomen uit de rapportage)",
            f"project:{result.slug} a {kind} ;\n" + " ;\n".join(props) + " ."]
    return head + extra + attention_blocks


def project_files(results: Sequence[ProjectResult], edition: str, source_name: str) -> dict[str, str]:
    """Staged Turtle per top-level project: ``projects/<slug>.ttl`` -> text."""
    files: dict[str, list[str]] = {}
    owner: dict[int, str] = {}
    for index, result in enumerate(results):
        parent_index = result.section.parent
        top = owner.get(parent_index, results[parent_index].slug) if parent_index is not None else result.slug
        owner[index] = top
        parent = results[parent_index].slug if parent_index is not None else None
        files.setdefault(top, []).extend(_project_block(result, parent, edition))
    header = [comment(f"Voorstel van rdzl-graph ingest uit {source_name}, editie {edition}: eerst nakijken (review.html)."),
              "# Tekst van de rapportage staat alleen in commentaarregels, als citaat met pagina en regel.", PREFIXES]
    return {f"projects/{slug}.ttl": "\n\n".join(header + blocks) + "\n" for slug, blocks in sorted(files.items())}


def new_resources(results: Sequence[ProjectResult], known: KnownGraph, edition: str) -> dict[str, str]:
    """``organisations.ttl`` and ``persons.ttl`` for names the graph does not know."""
    orgs: dict[str, list[str]] = {}
    people: dict[str, list[str]] = {}
    for result in results:
        for candidate in result.candidates:
            if candidate.iri is not None or candidate.kind not in ("organisation", "person"):
                continue
            where = comment(f"bron p. {candidate.line.page} r. {candidate.line.number} ({result.slug})")
            if candidate.kind == "organisation":
                orgs.setdefault(name_slug(str(candidate.value)), [where, f"orgs:{name_slug(str(candidate.value))} a rdzl:Organisation ;",
                                f"    rdfs:label {literal(str(candidate.value), 'nl')} ;", f"    rdzl:sourceReport report:{edition} ."])
            elif candidate.note == "geciteerd":
                lines = [where, f"person:{name_slug(str(candidate.value))} a rdzl:Person ;",
                         f"    rdfs:label {literal(str(candidate.value), 'nl')} ; foaf:name {literal(str(candidate.value))} ;"]
                if candidate.detail:
                    lines.append(f"    rdzl:jobTitle {literal(candidate.detail, 'nl')} ;")
                people.setdefault(name_slug(str(candidate.value)), lines + [f"    rdzl:sourceReport report:{edition} ."])
    out = {}
    for name, table in (("organisations.ttl", orgs), ("persons.ttl", people)):
        body = ["\n".join(block) for _, block in sorted(table.items())]
        out[name] = "\n\n".join([PREFIXES] + body) + "\n"
    return out


def report_file(edition: str, date: str | None, source_name: str) -> str:
    """``report.ttl``: the edition as an ``rdzl:Report``."""
    lines = [PREFIXES, f"report:{edition} a rdzl:Report ;", f"    rdfs:label {literal(edition, 'nl')} ;"]
    if date:
        lines.append(f"    dcterms:issued \"{date}\"^^xsd:date ;")
    lines.append(f"    dcterms:source {literal(source_name)} .")
    return "\n".join(lines) + "\n"
