"""Synthetic programmes for scale tests: same ontology and file layout as ``data/``.

Everything generated is clearly synthetic ("Project 17", "Organisatie 3") and
never presented as a fact. A programme of *n* projects (sub-projects counted)
has about 115 data triples per project, like the real data (24 projects,
~2.8k triples), so ``n = 24 * k`` is "k times the real data".

The shape imitates the real programme: a few organisations take part in many
projects (preferential attachment), most in one; themes and attention-point
categories are Zipf-distributed; some projects have sub-projects (rarely
nested two deep); amounts are log-normal with an assignment certainty.
Every project gets one to three tasks of the real task scheme (Zipf), half of
its milestones and attention points are tagged with one of them, and a fifth
of the reached milestones with an attention-point category (for the
knowledge-exchange circles); these come from a random stream of their own.
"""

from .write import SynthSummary, generate, synth

__all__ = ["SynthSummary", "generate", "synth"]
