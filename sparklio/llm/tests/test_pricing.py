from decimal import Decimal

from sparklio.llm.pricing import cost_of, price_for
from sparklio.llm.schema import structured_spec
from sparklio.llm.types import Usage


def test_openai_cost_counts_cached_prompt_tokens_at_their_own_price():
    # gpt-4o: input 2.50, cached 1.25, output 10.00 per million
    cost, known = cost_of("openai", "gpt-4o", Usage(input_tokens=1000, cached_input_tokens=400, output_tokens=100))
    assert known
    assert cost == (Decimal(600) * Decimal("2.50") + Decimal(400) * Decimal("1.25") + Decimal(100) * 10) / 1_000_000
    assert cost == Decimal("0.003")


def test_anthropic_cost_prices_cache_reads_and_writes():
    # claude-sonnet-4-5: input 3, cache read 0.30, cache write 3.75, output 15
    usage = Usage(input_tokens=10_000, cached_input_tokens=6_000, cache_write_tokens=2_000, output_tokens=500)
    cost, _ = cost_of("anthropic", "claude-sonnet-4-5", usage)
    assert cost == Decimal("0.0228")  # (2000×3 + 6000×0.30 + 2000×3.75 + 500×15) / 1e6


def test_dated_snapshots_cost_what_their_family_costs():
    assert price_for("openai", "gpt-4o-mini-2024-07-18") == price_for("openai", "gpt-4o-mini")
    assert price_for("anthropic", "claude-sonnet-4-5-20250929") == price_for("anthropic", "claude-sonnet-4-5")


def test_unknown_models_are_flagged_and_local_models_are_free():
    assert cost_of("openai", "some-new-model", Usage(input_tokens=10)) == (Decimal(0), False)
    assert cost_of("ollama", "qwen2.5:7b", Usage(input_tokens=10_000, output_tokens=10_000)) == (Decimal(0), True)


def test_strict_schema_closes_objects_and_requires_every_property():
    from pydantic import BaseModel, Field

    class Item(BaseModel):
        name: str = Field(max_length=10)
        note: str | None = None

    class Plan(BaseModel):
        items: list[Item]
        title: str = "x"

    spec = structured_spec(Plan)
    schema = spec.json_schema
    assert spec.name == "Plan"
    assert schema["additionalProperties"] is False and schema["required"] == ["items", "title"]
    item = schema["$defs"]["Item"]
    assert item["additionalProperties"] is False and item["required"] == ["name", "note"]
    assert "maxLength" not in item["properties"]["name"] and "default" not in schema["properties"]["title"]


def test_strict_schema_turns_tagged_unions_and_tuples_into_what_strict_mode_accepts():
    from typing import Annotated, Literal

    from pydantic import BaseModel, Field

    class Move(BaseModel):
        op: Literal["move"]
        to: tuple[float, float]

    class Delete(BaseModel):
        op: Literal["delete"]

    class Plan(BaseModel):
        steps: list[Annotated[Move | Delete, Field(discriminator="op")]]

    schema = structured_spec(Plan).json_schema
    text = str(schema)
    assert "oneOf" not in text and "discriminator" not in text and "prefixItems" not in text
    assert len(schema["properties"]["steps"]["items"]["anyOf"]) == 2
    assert schema["$defs"]["Move"]["properties"]["to"]["items"] == {"type": "number"}
