"""Every agent by name (the factory the workflow and the API use)."""

from __future__ import annotations

from agents.base import Agent
from agents.library.adapter import ChannelAdapterAgent
from agents.library.calendar import ContentCalendarAgent
from agents.library.creation import (
    CopywriterAgent,
    DesignerAgent,
    EditorAgent,
    ScenePlannerAgent,
    StrategistAgent,
    TemplateAgent,
)
from agents.library.knowledge_agents import DataCleanerAgent, EmbedderAgent, IngestorAgent, RagAgent
from agents.library.learning import SelfLearningAgent
from agents.library.meeting import MeetingAnalyzerAgent
from agents.library.orchestration import ABTesterAgent, LocalizerAgent, PersonaAgent, PMAgent
from agents.library.performance import PerformanceAnalyzerAgent
from agents.library.review import BrandGuardianAgent, OptimizerAgent, ReviewerAgent, VisionAnalyzerAgent
from agents.library.trends import TrendCollectorAgent

AGENTS: dict[str, type[Agent]] = {
    cls.name: cls
    for cls in [
        CopywriterAgent,
        StrategistAgent,
        DesignerAgent,
        ReviewerAgent,
        OptimizerAgent,
        EditorAgent,
        VisionAnalyzerAgent,
        ScenePlannerAgent,
        TemplateAgent,
        PMAgent,
        BrandGuardianAgent,
        PersonaAgent,
        LocalizerAgent,
        ABTesterAgent,
        MeetingAnalyzerAgent,
        ContentCalendarAgent,
        SelfLearningAgent,
        ChannelAdapterAgent,
        DataCleanerAgent,
        EmbedderAgent,
        RagAgent,
        IngestorAgent,
        PerformanceAnalyzerAgent,
        TrendCollectorAgent,
    ]
}


class UnknownAgent(LookupError):
    pass


def get_agent(name: str) -> Agent:
    try:
        return AGENTS[name]()
    except KeyError:
        raise UnknownAgent(f"No agent {name!r}; known: {', '.join(AGENTS)}") from None
