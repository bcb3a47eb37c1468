package io.trustfabric.operator.budget;

import io.trustfabric.api.v1alpha1.MicroEpsilon;
import io.trustfabric.api.v1alpha1.QueryCost;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * What a query costs under one budget, in micro-epsilon; a null mode cost means the mode is not priced (refused).
 */
public record BudgetCosts(Long psiCa, Long psi, long perElement) {

    public static BudgetCosts of(QueryCost cost) {
        if (cost == null) {
            throw new IllegalArgumentException("spec.cost is missing");
        }
        BudgetCosts costs = new BudgetCosts(parseOrNull(cost.getPsiCa()), parseOrNull(cost.getPsi()),
                cost.getPerElement() == null ? 0 : MicroEpsilon.parse(cost.getPerElement()));
        if (costs.flatCosts().count() == 0 || costs.flatCosts().anyMatch(c -> c <= 0)) {
            throw new IllegalArgumentException("spec.cost must price psi-ca or psi with a cost greater than 0");
        }
        return costs;
    }

    /** The cheapest priced query; less than this left means nothing more can be answered. */
    public long cheapest() {
        return flatCosts().min().orElseThrow();
    }

    /** The most expensive priced query (without per-element cost). */
    public long largest() {
        return flatCosts().max().orElseThrow();
    }

    /** The lease response's cost object: priced modes only. */
    public Map<String, Long> asJson() {
        Map<String, Long> json = new LinkedHashMap<>();
        if (psiCa != null) {
            json.put("psi-ca", psiCa);
        }
        if (psi != null) {
            json.put("psi", psi);
        }
        json.put("perElement", perElement);
        return json;
    }

    private LongStream flatCosts() {
        return LongStream.concat(psiCa == null ? LongStream.empty() : LongStream.of(psiCa),
                psi == null ? LongStream.empty() : LongStream.of(psi));
    }

    private static Long parseOrNull(String decimal) {
        return decimal == null ? null : MicroEpsilon.parse(decimal);
    }
}
