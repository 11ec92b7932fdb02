"""Meeting analysis without a model: sentences, summary, decisions, action items with owners
and due dates, open questions, participants and keywords, for Korean, English and mixed
transcripts. ``resolve_due`` documents the date rules."""

from .analysis import ActionItem, Decision, MeetingAnalysis, OpenQuestion, SourceRef, analyze_transcript
from .dates import resolve_due
from .transcript import chunk_sentences, split_sentences

__all__ = [
    "ActionItem",
    "Decision",
    "MeetingAnalysis",
    "OpenQuestion",
    "SourceRef",
    "analyze_transcript",
    "chunk_sentences",
    "resolve_due",
    "split_sentences",
]
