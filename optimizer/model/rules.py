"""The model's table of rules: for each SPEC name, the module that builds it and its message.

Keyed by the names of :mod:`optimizer.domain.rulebook` (the only place they
are written): hard constraint ``name`` is built by
``optimizer/model/constraints/<name>.py`` (``add(ctx)``, and ``narrow(ctx)``
for a rule on times that narrows start windows before times are planned;
``message(said)`` words it in an explanation), soft term ``name`` by
``optimizer/model/terms/<name>.py`` (``build(ctx)``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

from optimizer.domain.rulebook import HARD_RULES, TERMS, HardRule
from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


@dataclass(frozen=True)
class ModelRule:
    """A hard constraint: its SPEC facts and the module that builds and words it."""

    facts: HardRule
    module: ModuleType

    @property
    def add(self) -> Callable[[ModelContext], None]:
        """Add the rule's constraints to the model."""
        return self.module.add

    @property
    def narrow(self) -> Callable[[ModelContext], None] | None:
        """Narrow the start windows before times are planned (rules on times only)."""
        return getattr(self.module, "narrow", None)

    def message(self, said: Said) -> str:
        """The rule instance as a team lead reads it (its name when it is never explained)."""
        words = getattr(self.module, "message", None)
        return words(said) if words is not None else self.facts.name


MODEL_RULES: dict[str, ModelRule] = {
    rule.name: ModelRule(rule, import_module(f"optimizer.model.constraints.{rule.name}"))
    for rule in HARD_RULES
}
SOFT_TERMS: dict[str, ModuleType] = {name: import_module(f"optimizer.model.terms.{name}") for name in TERMS}
