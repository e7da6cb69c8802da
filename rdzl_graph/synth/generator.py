"""The random state of one synthetic programme, and the files every project refers to.

:class:`Generator` holds the random streams and the sizes; its methods write the shared files
(``programme.ttl``, ``municipalities.ttl``, ``places.ttl``, ``organisations.ttl``, ``persons.ttl``)
and draw what the projects of :mod:`.projects` need (organisations, tasks, tags, funding).
The order of the random draws is what makes a seed reproducible: keep it when changing the code.
"""

from __future__ import annotations

import math
import random

from .vocabulary import (COUNTRIES, HEADER, NOTICE, ORG_TYPES, PLACE_TYPES, REPORT, RISKS, TASKS, THEMES, lit,
                         zipf_weights)


class Generator:
    """Holds the random state while one programme is generated."""

    def __init__(self, n_projects: int, seed: int):
        self.rng = random.Random(seed)
        self.n = n_projects
        self.n_lines = 4 + n_projects // 60
        self.n_municipalities = max(10, n_projects // 3)
        self.n_places = max(12, n_projects)
        self.n_orgs = max(20, 2 * n_projects)
        self.n_persons = max(5, n_projects // 4)
        self.theme_w = zipf_weights(len(THEMES))
        self.risk_w = zipf_weights(len(RISKS))
        self.org_urn: list[int] = []  # one entry per participation: preferential attachment
        # tasks and milestone/attention tags draw from their own stream, so everything else stays as it was
        self.task_rng = random.Random(f"tasks-{seed}")
        self.task_w = zipf_weights(len(TASKS))

    # -- shared files -------------------------------------------------------------------------
    def programme(self) -> str:
        out = [HEADER, NOTICE]
        out.append(f"""
{REPORT} a rdzl:Report ;
    rdfs:label {lit("Synthetische rapportage (gegenereerd)")} , {lit("Synthetic report (generated)", "en")} .

programme:synthetisch-programma a rdzl:Programme ;
    rdfs:label {lit("Synthetisch programma")} , {lit("Synthetic programme", "en")} ;
    rdzl:tranche tranche:4 , tranche:5 , tranche:6 ;
    rdzl:sourceReport {REPORT} .

scheme:programme-lines a skos:ConceptScheme ;
    skos:prefLabel {lit("Programmalijnen (synthetisch)")} , {lit("Programme lines (synthetic)", "en")} .
""")
        for t in (4, 5, 6):
            out.append(f"""
tranche:{t} a rdzl:Tranche ;
    rdfs:label {lit(f"Tranche {t}")} ;
    rdzl:ofProgramme programme:synthetisch-programma ;
    rdzl:sourceReport {REPORT} .
""")
        for i in range(1, self.n_lines + 1):
            out.append(f"""
line:lijn-{i} a rdzl:ProgrammeLine , skos:Concept ;
    skos:inScheme scheme:programme-lines ; skos:topConceptOf scheme:programme-lines ; skos:notation "{i}" ;
    rdfs:label {lit(f"Programmalijn {i}")} , {lit(f"Programme line {i}", "en")} ;
    skos:prefLabel {lit(f"Programmalijn {i}")} , {lit(f"Programme line {i}", "en")} ;
    rdzl:ofProgramme programme:synthetisch-programma ;
    rdzl:sourceReport {REPORT} .
""")
        return "".join(out)

    def municipalities(self) -> str:
        out = [HEADER, NOTICE]
        for i in range(1, self.n_municipalities + 1):
            out.append(f"""
gm:gemeente-{i} a rdzl:Municipality ;
    rdfs:label {lit(f"Gemeente {i}")} ;
    rdzl:cbsCode "GM{i:04d}" ;
    rdzl:withinPlace country:NL ;
    rdzl:sourceReport {REPORT} .

orgs:gemeente-{i} a rdzl:MunicipalGovernment ;
    rdfs:label {lit(f"Gemeentebestuur {i}")} , {lit(f"Municipal government {i}", "en")} ;
    rdzl:governs gm:gemeente-{i} ;
    rdzl:country country:NL ;
    rdzl:partyToProgramme programme:synthetisch-programma ;
    rdzl:sourceReport {REPORT} .
""")
        return "".join(out)

    def places(self) -> str:
        out = [HEADER, NOTICE]
        for code, name in COUNTRIES:
            out.append(f"\ncountry:{code} a rdzl:Country ;\n    rdfs:label {lit(name)} ;\n"
                       f'    rdzl:isoCode "{code}" .\n')
        for i in range(1, self.n_places + 1):
            kind = self.rng.choice(PLACE_TYPES)
            # a site or neighbourhood may lie in an earlier place, which lies in a municipality:
            # containment chains of depth 2-3 exercise the transitive rdzl:withinPlace
            if kind in ("Site", "Neighbourhood") and i > 1 and self.rng.random() < 0.6:
                within = f"place:plaats-{self.rng.randrange(1, i)}"
            else:
                within = f"gm:gemeente-{self.rng.randrange(1, self.n_municipalities + 1)}"
            out.append(f"""
place:plaats-{i} a rdzl:{kind} ;
    rdfs:label {lit(f"Plaats {i}")} ;
    rdfs:comment {lit(f"Synthetische plaats {i}.")} , {lit(f"Synthetic place {i}.", "en")} ;
    rdzl:withinPlace {within} ;
    rdzl:sourceReport {REPORT} .
""")
        return "".join(out)

    def organisations(self) -> str:
        out = [HEADER, NOTICE]
        types, weights = zip(*ORG_TYPES)
        # as in the real data, an organisation in no project is a party to the programme (the
        # quality check organisation-without-project-violation holds); decided after the projects,
        # so the random draws and everything else stay as they were
        in_projects = set(self.org_urn)
        for i in range(1, self.n_orgs + 1):
            kind = self.rng.choices(types, weights)[0]
            extra = "" if i in in_projects else "    rdzl:partyToProgramme programme:synthetisch-programma ;\n"
            if self.rng.random() < 0.3:
                extra += f"    rdzl:country country:{self.rng.choice(COUNTRIES)[0]} ;\n"
            if self.rng.random() < 0.2:
                extra += f"    rdzl:location place:plaats-{self.rng.randrange(1, self.n_places + 1)} ;\n"
            out.append(f"""
orgs:organisatie-{i} a rdzl:{kind} ;
    rdfs:label {lit(f"Organisatie {i}")} ;
    rdfs:comment {lit(f"Synthetische organisatie {i}.")} , {lit(f"Synthetic organisation {i}.", "en")} ;
{extra}    rdzl:sourceReport {REPORT} .
""")
        return "".join(out)

    def persons(self) -> str:
        out = [HEADER, NOTICE]
        for i in range(1, self.n_persons + 1):
            extra = ""
            if self.rng.random() < 0.8:
                extra += f"    rdzl:affiliation orgs:organisatie-{self.pick_org()} ;\n"
            if self.rng.random() < 0.8:
                extra += f"    rdzl:jobTitle {lit(self.rng.choice(['Directeur', 'Wethouder', 'Projectleider']))} ;\n"
            out.append(f"""
person:persoon-{i} a rdzl:Person ;
    rdfs:label {lit(f"Persoon {i}")} ; foaf:name "Persoon {i}" ;
{extra}    rdzl:sourceReport {REPORT} .
""")
        return "".join(out)

    # -- projects -----------------------------------------------------------------------------
    def pick_org(self) -> int:
        """An organisation: by preferential attachment (hubs) or uniformly (newcomers)."""
        if self.org_urn and self.rng.random() < 0.75:
            return self.rng.choice(self.org_urn)
        return self.rng.randrange(1, self.n_orgs + 1)

    def tasks(self) -> list[str]:
        """One to three tasks for a project (from the task stream)."""
        return sorted(set(self.task_rng.choices(TASKS, self.task_w, k=self.task_rng.randint(1, 3))))

    def tags(self, tasks: list[str], reached: bool) -> str:
        """Turtle lines tagging a milestone or attention point: often one of the project's tasks; a reached
        milestone sometimes shows experience with an attention-point category."""
        out = ""
        if tasks and self.task_rng.random() < 0.5:
            out += f"    rdzl:aboutTask task:{self.task_rng.choice(tasks)} ;\n"
        if reached and self.task_rng.random() < 0.2:
            out += f"    rdzl:addressesCategory risk:{self.task_rng.choices(RISKS, self.risk_w)[0]} ;\n"
        return out

    def funding(self, slug: str, name: str) -> str:
        amount = int(round(math.exp(self.rng.gauss(13.0, 1.2)), -2))
        certainty = self.rng.choices(("zeker", "paginavolgorde", "onzeker"), (3, 15, 4))[0]
        return f"""funding:{slug} a rdzl:FundingAllocation ;
    rdfs:label {lit(f"Middelen voor {name}")} ;
    rdzl:amountEUR "{amount}"^^xsd:decimal ;
    rdzl:assignmentCertainty certainty:{certainty} ;
    rdzl:assignmentNote {lit("Synthetisch bedrag.")} ;
    rdzl:sourceReport {REPORT} .
"""
