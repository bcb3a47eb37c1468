package io.trustfabric.operator.whatif.golden;

import io.trustfabric.psi.protocol.PsiMode;
import java.util.List;

/**
 * One golden query: a client set sent in one mode. Lives in operator memory only; never logged or written.
 *
 * @param index         0-based position in the golden set
 * @param drawnFromData how many items were drawn from the tenant's current data set (the rest are synthetic)
 */
public record GoldenQuery(int index, PsiMode mode, List<String> items, int drawnFromData) {

    public GoldenQuery {
        items = List.copyOf(items);
    }

    @Override
    public String toString() {
        return "GoldenQuery[" + index + ", " + mode.wireName() + ", " + items.size() + " items]";
    }
}
