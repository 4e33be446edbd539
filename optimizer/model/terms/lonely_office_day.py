"""lonely_office_day: office days on which too few teammates of the same site come in."""

from ortools.sat.python import cp_model

from optimizer.model.context import ModelContext


def build(ctx: ModelContext) -> cp_model.LinearExprT:
    """Count (employee, day) in the office with fewer than ``ceil(θ·k)`` teammates there.

    Per (team, site, day) with ``C`` members in the office and ``k`` available
    teammates, each of the ``C`` is lonely exactly when ``C − 1 < need``, so
    the group contributes ``C`` when ``C ≤ need`` and 0 otherwise. ``crowded``
    is exactly ``C > need``, which keeps the value read back exact.
    """
    model, v = ctx.model, ctx.variables
    lonely = []
    for team, site, d, members, k in ctx.instance.lonely_groups:
        need = ctx.instance.lonely_need(k)
        if need == 0:
            continue
        office = sum(v.office(e, d) for e in members)
        crowded = model.new_bool_var(f"crowded_{team}_{site}_{d}")
        count = model.new_int_var(0, min(need, len(members)), f"lonely_{team}_{site}_{d}")
        model.add(office >= need + 1).only_enforce_if(crowded)
        model.add(office <= need).only_enforce_if(crowded.Not())
        model.add(count == 0).only_enforce_if(crowded)
        model.add(count == office).only_enforce_if(crowded.Not())
        lonely.append(count)
    return sum(lonely)
